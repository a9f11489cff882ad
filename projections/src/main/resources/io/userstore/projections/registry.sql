-- The projections, their versions and which version each stable name serves, in the store's
-- schema (userstore), with the helpers the triggers on projected tables share. Idempotent.
DO $$
BEGIN
    -- stores of earlier releases kept these tables in public
    IF to_regclass('public.projection') IS NOT NULL AND to_regclass('userstore.projection') IS NULL THEN
        ALTER TABLE public.projection SET SCHEMA userstore;
        ALTER TABLE public.projection_version SET SCHEMA userstore;
        ALTER TABLE public.projection_binding SET SCHEMA userstore;
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS userstore.projection (
    name         text PRIMARY KEY,
    stable_table text NOT NULL,
    spec         text NOT NULL,
    spec_source  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- state: building (replaying), ready (caught up), failed.
-- snapshot_head/build_cursor: how far the replay got (committed with its rows, so a crash resumes there).
-- position/gaps: how far it has followed the log; gaps are global indexes not yet seen (appends in flight).
-- error, blocked: what stopped it, without personal data: the user's id and the column; the value
-- is read from the events when it is shown.
CREATE TABLE IF NOT EXISTS userstore.projection_version (
    name          text NOT NULL REFERENCES userstore.projection (name) ON DELETE CASCADE,
    version       int NOT NULL,
    state         text NOT NULL,
    snapshot_head bigint,
    build_cursor  text,
    position      bigint,
    gaps          bigint[] NOT NULL DEFAULT '{}',
    rows          bigint NOT NULL DEFAULT 0,
    events        bigint NOT NULL DEFAULT 0,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    seconds       double precision,
    error         text,
    PRIMARY KEY (name, version)
);
ALTER TABLE userstore.projection_version ADD COLUMN IF NOT EXISTS error_user bigint;
ALTER TABLE userstore.projection_version ADD COLUMN IF NOT EXISTS error_column text;
ALTER TABLE userstore.projection_version ADD COLUMN IF NOT EXISTS blocked_user bigint;
ALTER TABLE userstore.projection_version ADD COLUMN IF NOT EXISTS blocked_column text;
ALTER TABLE userstore.projection_version ADD COLUMN IF NOT EXISTS blocked_problem text;

CREATE TABLE IF NOT EXISTS userstore.projection_binding (
    stable_table     text PRIMARY KEY,
    name             text NOT NULL,
    version          int NOT NULL,
    previous_name    text,
    previous_version int,
    switched_at      timestamptz NOT NULL DEFAULT now()
);

-- Rows a table in service must gain that an application's write through another table in service
-- could not make (it did not know every value): userstore makes them at its next write or status.
CREATE TABLE IF NOT EXISTS userstore.stale_rows (
    stable_table text NOT NULL,
    user_id      bigint NOT NULL,
    PRIMARY KEY (stable_table, user_id)
);

-- A value as a projection's where compares it: trimmed, lower case, booleans spelled one way.
CREATE OR REPLACE FUNCTION userstore.where_value(p_value text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE lower(btrim(p_value, E' \t\n\r\f\v'))
               WHEN 't' THEN 'true' WHEN 'yes' THEN 'true' WHEN 'on' THEN 'true'
               WHEN 'f' THEN 'false' WHEN 'no' THEN 'false' WHEN 'off' THEN 'false'
               ELSE lower(btrim(p_value, E' \t\n\r\f\v')) END
$$;

-- TRUNCATE skips row triggers: on a projected table it would drop users without a trace.
CREATE OR REPLACE FUNCTION userstore.refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = '0A000', MESSAGE = 'TRUNCATE on ' || TG_TABLE_NAME
        || ': this table is a userstore projection; DELETE its rows (each becomes an event),'
        || ' or drop the projection with userstore';
END $$;
