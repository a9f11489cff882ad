-- The SQL side of the events in UserEvents.java: functions that append events from SQL (the
-- triggers on projected tables call them), in the shape Axon and Jackson read. Type names and
-- revisions come from the event classes (dollar-brace EventName.type / EventName.revision), and
-- dollar-brace EVENT_TABLE and the like name the store's tables. Created with the store schema.

-- An instant as the events carry it: ISO-8601 in UTC, to the microsecond.
CREATE OR REPLACE FUNCTION userstore_instant(p_at timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- Appends one event to a user's stream, after its last one (the caller holds the user's row lock
-- or accepts a unique violation when another writer appended first).
CREATE OR REPLACE FUNCTION userstore_append_event(p_user bigint, p_type text, p_revision text, p_payload jsonb)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO ${EVENT_TABLE} (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                                payload_revision, payload_type, time_stamp)
    SELECT p_user::text, coalesce(max(sequence_number), -1) + 1, 'User', gen_random_uuid()::text,
           convert_to('{}', 'UTF8'), convert_to(p_payload::text, 'UTF8'), p_revision, p_type,
           to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    FROM ${EVENT_TABLE} WHERE aggregate_identifier = p_user::text
$$;

-- UserLoggedIn
CREATE OR REPLACE FUNCTION userstore_record_login(p_user bigint, p_at timestamptz) RETURNS void
    LANGUAGE sql AS $$
    SELECT userstore_append_event(p_user, '${UserLoggedIn.type}', '${UserLoggedIn.revision}',
                                  jsonb_build_object('at', userstore_instant(p_at)))
$$;
