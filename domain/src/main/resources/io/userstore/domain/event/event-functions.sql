-- The SQL side of the events in UserEvents.java: functions that append events from SQL (the
-- triggers on projected tables call them), in the shape Axon and Jackson read, checked by the
-- rules UserRules.java checks. Type names and revisions come from the event classes
-- (dollar-brace EventName.type / EventName.revision); dollar-brace EVENT_TABLE and the like name
-- the store's tables; CRYPTO is the schema of pgcrypto. Created with the store schema.

-- An instant as the events carry it: ISO-8601 in UTC, to the microsecond.
CREATE OR REPLACE FUNCTION userstore.instant(p_at timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- A value in a message: quoted, cut at 40 characters.
CREATE OR REPLACE FUNCTION userstore.shown(p_value text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT '''' || CASE WHEN char_length(p_value) > 40 THEN left(p_value, 40) || '…' ELSE p_value END || ''''
$$;

-- Refuses a write: a rule of the store says no (23514 check_violation unless told otherwise).
CREATE OR REPLACE FUNCTION userstore.refuse(p_message text, p_code text DEFAULT '23514') RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message;
END $$;

-- Whether userstore itself is writing (live updates, builds): its own maintenance of a table
-- never passes through the triggers that turn writes into events.
CREATE OR REPLACE FUNCTION userstore.maintaining() RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('userstore.maintenance', true), '') = 'on'
$$;

------------------------------------------------------------------------------------------------
-- Rules (UserRules.java): each returns its value or refuses.

CREATE OR REPLACE FUNCTION userstore.check_username(p_username text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_username IS NULL OR p_username = '' THEN
        PERFORM userstore.refuse('a username cannot be empty; give 1 to 150 characters', '23502');
    ELSIF char_length(p_username) > 150 THEN
        PERFORM userstore.refuse('username ' || userstore.shown(p_username) || ' is ' || char_length(p_username)
            || ' characters long; the limit is 150');
    ELSIF p_username !~ ('^${USERNAME_CHARACTERS}+$') THEN
        PERFORM userstore.refuse('username ' || userstore.shown(p_username)
            || ' has a character usernames cannot hold; use letters, digits and @ . + - _');
    ELSIF NOT (p_username IS NFKC NORMALIZED) THEN
        PERFORM userstore.refuse('username ' || userstore.shown(p_username) || ' is not in Unicode normal form NFKC,'
            || ' as Django keeps usernames (two spellings of one name would look alike); write it as '
            || userstore.shown(normalize(p_username, NFKC)));
    END IF;
    RETURN p_username;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_email(p_email text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_email IS NULL THEN
        PERFORM userstore.refuse('email cannot be NULL; give an address or an empty one', '23502');
    ELSIF p_email <> '' AND (char_length(p_email) > 254
            OR p_email !~ E'^[^@ \\t\\n\\v\\f\\r]+@[^@ \\t\\n\\v\\f\\r.]+(\\.[^@ \\t\\n\\v\\f\\r.]+)*$') THEN
        PERFORM userstore.refuse('email ' || userstore.shown(p_email) || ' is not a plausible e-mail address;'
            || ' give one like name@example.com (at most 254 characters), or an empty one');
    END IF;
    RETURN p_email;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_name(p_field text, p_value text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_value IS NOT NULL AND char_length(p_value) > 150 THEN
        PERFORM userstore.refuse(p_field || ' is ' || char_length(p_value) || ' characters long; the limit is 150');
    END IF;
    RETURN p_value;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_attribute(p_key text, p_value text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_key IS NULL OR p_key !~ '^[a-z][a-z0-9_]{0,62}$' OR p_key IN ('id', 'username', 'password', 'groups',
            'permissions', 'last_login', 'date_joined', 'email', 'first_name', 'last_name', 'is_active', 'is_staff',
            'is_superuser') THEN
        PERFORM userstore.refuse('attribute key ' || userstore.shown(p_key) || ' is invalid; keys are a lowercase'
            || ' letter followed by up to 62 lowercase letters, digits or _, and not the name of a field');
    ELSIF p_value IS NOT NULL AND char_length(p_value) > 10000 THEN
        PERFORM userstore.refuse('the value of ' || p_key || ' is ' || char_length(p_value)
            || ' characters long; the limit is 10000');
    END IF;
    RETURN p_value;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_group(p_group text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_group IS NULL OR btrim(p_group, E' \t\n\r\f\v') = '' OR char_length(p_group) > 150 THEN
        PERFORM userstore.refuse('group name ' || coalesce(userstore.shown(p_group), 'NULL')
            || ' is invalid; give 1 to 150 characters');
    END IF;
    RETURN p_group;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_permission(p_permission text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_permission IS NULL OR p_permission !~ '^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_]{1,100}$' THEN
        PERFORM userstore.refuse('permission ' || coalesce(userstore.shown(p_permission), 'NULL')
            || ' is not of the form app_label.codename (e.g. shop.refund_order)');
    END IF;
    RETURN p_permission;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_password_hash(p_hash text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_hash IS NULL OR length(p_hash) > 128
            OR NOT (p_hash LIKE '!%' OR p_hash ~ E'^[a-z0-9_]+\\$[^\\n\\r\\u0085\\u2028\\u2029]+$') THEN
        PERFORM userstore.refuse('password expects a Django-encoded hash such as pbkdf2_sha256$1000000$SALT$HASH'
            || ' (at most 128 characters), as Django''s set_password writes it; never a plaintext');
    END IF;
    RETURN p_hash;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_instant(p_what text, p_at timestamptz) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_at IS NOT NULL AND (p_at < '0001-01-01T00:00:00Z' OR p_at > '9999-12-31T23:59:59.999999Z') THEN
        PERFORM userstore.refuse(p_what || ' ' || p_at || ' is out of range; give a time in the years 1 to 9999');
    END IF;
    RETURN p_at;
END $$;

CREATE OR REPLACE FUNCTION userstore.check_id(p_id bigint) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_id < 1 OR p_id > 2147483647 THEN
        PERFORM userstore.refuse('id ' || p_id || ' is not a valid id; ids are 1 to 2147483647');
    END IF;
    RETURN p_id;
END $$;

------------------------------------------------------------------------------------------------
-- Sealing personal data from SQL: scheme v2 (PersonalDataCipher.java opens it), AES-256-CBC with
-- a random IV, then HMAC-SHA256 over the user id, IV and ciphertext; both keys derived from the
-- user's key. Empty values stay as they are, as in Java.

CREATE OR REPLACE FUNCTION userstore.require_crypto() RETURNS void
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF NOT ${CRYPTO_READY} THEN
        PERFORM userstore.refuse('SQL writes to userstore tables need the pgcrypto extension, which could not be'
            || ' created; ask the database owner to run CREATE EXTENSION pgcrypto, then start userstore once', '0A000');
    END IF;
END $$;

CREATE OR REPLACE FUNCTION userstore.seal(p_key bytea, p_user bigint, p_plain text) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    iv bytea;
    body bytea;
BEGIN
    IF p_plain IS NULL OR p_plain = '' THEN
        RETURN p_plain;
    END IF;
    PERFORM userstore.require_crypto();
    iv := ${CRYPTO}.gen_random_bytes(16);
    body := ${CRYPTO}.encrypt_iv(convert_to(p_plain, 'UTF8'),
        ${CRYPTO}.hmac(convert_to('userstore-seal-v2-encrypt', 'UTF8'), p_key, 'sha256'), iv, 'aes-cbc/pad:pkcs');
    RETURN 'v2:' || translate(encode(iv || body || ${CRYPTO}.hmac(int8send(p_user) || iv || body,
        ${CRYPTO}.hmac(convert_to('userstore-seal-v2-mac', 'UTF8'), p_key, 'sha256'), 'sha256'), 'base64'), E'\n', '');
END $$;

-- What Django's set_unusable_password stores, as a user added without a password gets.
CREATE OR REPLACE FUNCTION userstore.unusable_password() RETURNS text
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    noise bytea;
BEGIN
    PERFORM userstore.require_crypto();
    noise := ${CRYPTO}.gen_random_bytes(40);
    RETURN '!' || (SELECT string_agg(substr('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
        1 + get_byte(noise, i) % 62, 1), '' ORDER BY i) FROM generate_series(0, 39) i);
END $$;

------------------------------------------------------------------------------------------------
-- Appending.

-- Locks a user's registry row for this transaction (writers of one user go one after the other)
-- and returns its key; refuses a user that does not exist, was forgotten or deleted.
CREATE OR REPLACE FUNCTION userstore.live_user(p_user bigint) RETURNS bytea
    LANGUAGE plpgsql AS $$
DECLARE
    registered record;
BEGIN
    SELECT key, deleted INTO registered FROM ${REGISTRY_TABLE} WHERE user_id = p_user FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM userstore.refuse('there is no user #' || p_user, 'P0002');
    ELSIF registered.key IS NULL THEN
        PERFORM userstore.refuse('user #' || p_user || ' was forgotten: its personal data is erased and it can no'
            || ' longer change', '55000');
    ELSIF registered.deleted THEN
        PERFORM userstore.refuse('user #' || p_user || ' was deleted; it can no longer change', '55000');
    END IF;
    RETURN registered.key;
END $$;

-- Appends one event to a user's stream, after its last one.
CREATE OR REPLACE FUNCTION userstore.append_event(p_user bigint, p_type text, p_revision text, p_payload jsonb)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO ${EVENT_TABLE} (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                                payload_revision, payload_type, time_stamp)
    SELECT p_user::text, coalesce(max(sequence_number), -1) + 1, 'User', gen_random_uuid()::text,
           convert_to('{}', 'UTF8'), convert_to(p_payload::text, 'UTF8'), p_revision, p_type,
           to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    FROM ${EVENT_TABLE} WHERE aggregate_identifier = p_user::text
$$;

-- A user's events of the given types, oldest first, payloads as JSON.
CREATE OR REPLACE FUNCTION userstore.events_of(p_user bigint, p_types text[])
    RETURNS TABLE (sequence bigint, type text, payload jsonb) LANGUAGE sql STABLE AS $$
    SELECT sequence_number, payload_type, convert_from(payload, 'UTF8')::jsonb FROM ${EVENT_TABLE}
    WHERE aggregate_identifier = p_user::text AND payload_type = ANY(p_types) ORDER BY sequence_number
$$;

-- Whether a user is in a group (joined, or imported with it) or holds a permission, by its events.
CREATE OR REPLACE FUNCTION userstore.holds(p_user bigint, p_kind text, p_name text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT coalesce((
        SELECT CASE WHEN e.type IN ('${GroupLeft.type}', '${PermissionRevoked.type}') THEN false ELSE true END
        FROM userstore.events_of(p_user, CASE p_kind
                WHEN 'group' THEN ARRAY['${UserImported.type}', '${GroupJoined.type}', '${GroupLeft.type}']
                ELSE ARRAY['${UserImported.type}', '${PermissionGranted.type}', '${PermissionRevoked.type}'] END) e
        WHERE CASE WHEN e.type = '${UserImported.type}'
                   THEN e.payload -> (CASE p_kind WHEN 'group' THEN 'groups' ELSE 'permissions' END) ? p_name
                   ELSE e.payload ->> p_kind = p_name END
        ORDER BY e.sequence DESC LIMIT 1), false)
$$;

-- Whether a user has an attribute now, by its events.
CREATE OR REPLACE FUNCTION userstore.has_attribute(p_user bigint, p_key text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT e.type = '${AttributeSet.type}'
                     FROM userstore.events_of(p_user, ARRAY['${AttributeSet.type}', '${AttributeUnset.type}']) e
                     WHERE e.payload ->> 'key' = p_key ORDER BY e.sequence DESC LIMIT 1), false)
$$;

-- A flag (active, staff, superuser) as the user's events leave it.
CREATE OR REPLACE FUNCTION userstore.flag(p_user bigint, p_flag text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN e.type IN ('${UserRegistered.type}', '${UserImported.type}') THEN (e.payload ->> p_flag)::boolean
                ELSE e.type IN ('${UserActivated.type}', '${StaffGranted.type}', '${SuperuserGranted.type}') END
    FROM userstore.events_of(p_user, CASE p_flag
            WHEN 'active' THEN ARRAY['${UserRegistered.type}', '${UserImported.type}', '${UserActivated.type}',
                                     '${UserDeactivated.type}']
            WHEN 'staff' THEN ARRAY['${UserRegistered.type}', '${UserImported.type}', '${StaffGranted.type}',
                                    '${StaffRevoked.type}']
            ELSE ARRAY['${UserRegistered.type}', '${UserImported.type}', '${SuperuserGranted.type}',
                       '${SuperuserRevoked.type}'] END) e
    ORDER BY e.sequence DESC LIMIT 1
$$;

------------------------------------------------------------------------------------------------
-- One function per kind of change, each appending what the User aggregate would append.

-- UserRegistered: claims the username (and the id, drawn from the sequence when none is given),
-- makes the user's key, seals the personal data; returns the id.
CREATE OR REPLACE FUNCTION userstore.register_user(p_id bigint, p_username text, p_email text, p_first_name text,
                                                   p_last_name text, p_password text, p_active boolean,
                                                   p_staff boolean, p_superuser boolean, p_date_joined timestamptz)
    RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    user_key bytea;
    new_id bigint;
BEGIN
    PERFORM userstore.require_crypto();
    user_key := ${CRYPTO}.gen_random_bytes(32);
    p_password := coalesce(p_password, userstore.unusable_password());
    PERFORM userstore.check_username(p_username), userstore.check_email(p_email),
            userstore.check_name('first_name', p_first_name), userstore.check_name('last_name', p_last_name),
            userstore.check_password_hash(p_password), userstore.check_id(p_id),
            userstore.check_instant('date_joined', p_date_joined);
    IF EXISTS (SELECT 1 FROM ${REGISTRY_TABLE} WHERE username = p_username) THEN
        PERFORM userstore.refuse('username ' || p_username || ' is already taken (usernames are unique and'
            || ' case-sensitive); choose another one', '23505');
    END IF;
    IF p_id IS NOT NULL AND EXISTS (SELECT 1 FROM ${REGISTRY_TABLE} WHERE user_id = p_id) THEN
        PERFORM userstore.refuse('user id ' || p_id || ' is already taken; leave the id out to get the next free one',
            '23505');
    END IF;
    LOOP
        new_id := coalesce(p_id, nextval('${ID_SEQUENCE}'));
        PERFORM userstore.check_id(new_id);
        BEGIN
            INSERT INTO ${REGISTRY_TABLE} (user_id, username, key) VALUES (new_id, p_username, user_key);
            EXIT;
        EXCEPTION WHEN unique_violation THEN
            IF p_id IS NOT NULL OR EXISTS (SELECT 1 FROM ${REGISTRY_TABLE} WHERE username = p_username) THEN
                PERFORM userstore.refuse('username ' || p_username || ' or id ' || new_id || ' was just taken by'
                    || ' another writer; choose another one', '23505');
            END IF;
            -- a user added with an explicit id took the id the sequence gave: draw again
        END;
    END LOOP;
    IF p_id IS NOT NULL THEN
        PERFORM setval('${ID_SEQUENCE}', greatest(p_id, (SELECT last_value FROM ${ID_SEQUENCE})));
    END IF;
    PERFORM userstore.append_event(new_id, '${UserRegistered.type}', '${UserRegistered.revision}', jsonb_build_object(
        'user_id', new_id,
        'username', userstore.seal(user_key, new_id, p_username),
        'email', userstore.seal(user_key, new_id, p_email),
        'first_name', userstore.seal(user_key, new_id, coalesce(p_first_name, '')),
        'last_name', userstore.seal(user_key, new_id, coalesce(p_last_name, '')),
        'password_hash', p_password,
        'active', coalesce(p_active, true),
        'staff', coalesce(p_staff, false),
        'superuser', coalesce(p_superuser, false),
        'date_joined', userstore.instant(p_date_joined)));
    RETURN new_id;
END $$;

-- UsernameChanged: the new name is claimed as the shell claims it.
CREATE OR REPLACE FUNCTION userstore.rename_user(p_user bigint, p_username text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    user_key bytea := userstore.live_user(p_user);
BEGIN
    PERFORM userstore.check_username(p_username);
    IF EXISTS (SELECT 1 FROM ${REGISTRY_TABLE} WHERE username = p_username AND user_id <> p_user) THEN
        PERFORM userstore.refuse('username ' || p_username || ' is already taken (usernames are unique and'
            || ' case-sensitive); choose another one', '23505');
    END IF;
    UPDATE ${REGISTRY_TABLE} SET username = p_username WHERE user_id = p_user;
    PERFORM userstore.append_event(p_user, '${UsernameChanged.type}', '${UsernameChanged.revision}',
        jsonb_build_object('username', userstore.seal(user_key, p_user, p_username)));
END $$;

-- EmailChanged
CREATE OR REPLACE FUNCTION userstore.change_email(p_user bigint, p_email text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    user_key bytea := userstore.live_user(p_user);
BEGIN
    PERFORM userstore.append_event(p_user, '${EmailChanged.type}', '${EmailChanged.revision}',
        jsonb_build_object('email', userstore.seal(user_key, p_user, userstore.check_email(p_email))));
END $$;

-- NameChanged: a NULL name is unchanged.
CREATE OR REPLACE FUNCTION userstore.change_name(p_user bigint, p_first_name text, p_last_name text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    user_key bytea := userstore.live_user(p_user);
BEGIN
    PERFORM userstore.append_event(p_user, '${NameChanged.type}', '${NameChanged.revision}', jsonb_build_object(
        'first_name', userstore.seal(user_key, p_user, userstore.check_name('first_name', p_first_name)),
        'last_name', userstore.seal(user_key, p_user, userstore.check_name('last_name', p_last_name))));
END $$;

-- PasswordChanged: the hash, as Django encodes it; never a plaintext.
CREATE OR REPLACE FUNCTION userstore.change_password(p_user bigint, p_hash text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM userstore.live_user(p_user);
    PERFORM userstore.append_event(p_user, '${PasswordChanged.type}', '${PasswordChanged.revision}',
        jsonb_build_object('password_hash', userstore.check_password_hash(p_hash)));
END $$;

-- UserActivated / UserDeactivated, StaffGranted / StaffRevoked, SuperuserGranted / SuperuserRevoked,
-- when the flag changes.
CREATE OR REPLACE FUNCTION userstore.set_flag(p_user bigint, p_flag text, p_on boolean) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    event_type text;
BEGIN
    PERFORM userstore.live_user(p_user);
    IF p_on IS NULL THEN
        PERFORM userstore.refuse('is_' || p_flag || ' cannot be NULL; give true or false', '23502');
    END IF;
    IF userstore.flag(p_user, p_flag) IS NOT DISTINCT FROM p_on THEN
        RETURN;
    END IF;
    event_type := CASE p_flag
        WHEN 'active' THEN CASE WHEN p_on THEN '${UserActivated.type}' ELSE '${UserDeactivated.type}' END
        WHEN 'staff' THEN CASE WHEN p_on THEN '${StaffGranted.type}' ELSE '${StaffRevoked.type}' END
        WHEN 'superuser' THEN CASE WHEN p_on THEN '${SuperuserGranted.type}' ELSE '${SuperuserRevoked.type}' END END;
    IF event_type IS NULL THEN
        PERFORM userstore.refuse('there is no flag ' || userstore.shown(p_flag) || '; use active, staff or superuser');
    END IF;
    -- every flag event is at revision 1 and carries nothing
    PERFORM userstore.append_event(p_user, event_type, '${UserActivated.revision}', '{}'::jsonb);
END $$;

-- AttributeSet (the value sealed) or, for NULL, AttributeUnset when the user has the attribute.
CREATE OR REPLACE FUNCTION userstore.set_attribute(p_user bigint, p_key text, p_value text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    user_key bytea := userstore.live_user(p_user);
BEGIN
    PERFORM userstore.check_attribute(p_key, p_value);
    IF p_value IS NULL THEN
        IF userstore.has_attribute(p_user, p_key) THEN
            PERFORM userstore.append_event(p_user, '${AttributeUnset.type}', '${AttributeUnset.revision}',
                jsonb_build_object('key', p_key));
        END IF;
        RETURN;
    END IF;
    PERFORM userstore.append_event(p_user, '${AttributeSet.type}', '${AttributeSet.revision}',
        jsonb_build_object('key', p_key, 'value', userstore.seal(user_key, p_user, p_value)));
END $$;

-- GroupJoined, unless the user is in the group already.
CREATE OR REPLACE FUNCTION userstore.join_group(p_user bigint, p_group text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM userstore.live_user(p_user), userstore.check_group(p_group);
    IF NOT userstore.holds(p_user, 'group', p_group) THEN
        PERFORM userstore.append_event(p_user, '${GroupJoined.type}', '${GroupJoined.revision}',
            jsonb_build_object('group', p_group));
    END IF;
END $$;

-- GroupLeft: only a group the user is in.
CREATE OR REPLACE FUNCTION userstore.leave_group(p_user bigint, p_group text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM userstore.live_user(p_user), userstore.check_group(p_group);
    IF NOT userstore.holds(p_user, 'group', p_group) THEN
        PERFORM userstore.refuse('user #' || p_user || ' is not in group ' || p_group);
    END IF;
    PERFORM userstore.append_event(p_user, '${GroupLeft.type}', '${GroupLeft.revision}',
        jsonb_build_object('group', p_group));
END $$;

-- PermissionGranted, unless the user holds it already.
CREATE OR REPLACE FUNCTION userstore.grant_permission(p_user bigint, p_permission text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM userstore.live_user(p_user), userstore.check_permission(p_permission);
    IF NOT userstore.holds(p_user, 'permission', p_permission) THEN
        PERFORM userstore.append_event(p_user, '${PermissionGranted.type}', '${PermissionGranted.revision}',
            jsonb_build_object('permission', p_permission));
    END IF;
END $$;

-- PermissionRevoked: only a permission the user holds.
CREATE OR REPLACE FUNCTION userstore.revoke_permission(p_user bigint, p_permission text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM userstore.live_user(p_user), userstore.check_permission(p_permission);
    IF NOT userstore.holds(p_user, 'permission', p_permission) THEN
        PERFORM userstore.refuse('user #' || p_user || ' does not have permission ' || p_permission);
    END IF;
    PERFORM userstore.append_event(p_user, '${PermissionRevoked.type}', '${PermissionRevoked.revision}',
        jsonb_build_object('permission', p_permission));
END $$;

-- UserLoggedIn
CREATE OR REPLACE FUNCTION userstore.record_login(p_user bigint, p_at timestamptz) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM userstore.live_user(p_user);
    IF p_at IS NULL THEN
        PERFORM userstore.refuse('last_login cannot be cleared; a login is an event that happened', '23502');
    END IF;
    PERFORM userstore.append_event(p_user, '${UserLoggedIn.type}', '${UserLoggedIn.revision}',
        jsonb_build_object('at', userstore.instant(userstore.check_instant('last_login', p_at))));
END $$;

-- UserDeleted: the user leaves every projection and its username is free again; its history stays.
CREATE OR REPLACE FUNCTION userstore.delete_user(p_user bigint) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM ${REGISTRY_TABLE} WHERE user_id = p_user AND NOT deleted FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM userstore.refuse('there is no user #' || p_user || ' to delete', 'P0002');
    END IF;
    UPDATE ${REGISTRY_TABLE} SET username = NULL, deleted = true WHERE user_id = p_user;
    PERFORM userstore.append_event(p_user, '${UserDeleted.type}', '${UserDeleted.revision}', '{}'::jsonb);
END $$;
