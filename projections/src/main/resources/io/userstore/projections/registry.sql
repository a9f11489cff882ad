-- The projections, their versions and which version each stable name serves. Idempotent.
CREATE TABLE IF NOT EXISTS projection (
    name         text PRIMARY KEY,
    stable_table text NOT NULL,
    spec         text NOT NULL,
    spec_source  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- state: building (replaying), ready (caught up; kept current with every append), failed.
-- snapshot_head/build_cursor: how far the replay got (committed with its rows, so a crash resumes there).
-- position/gaps: the catch-up token; gaps are global indexes not yet seen (transactions still in flight).
CREATE TABLE IF NOT EXISTS projection_version (
    name          text NOT NULL REFERENCES projection (name) ON DELETE CASCADE,
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

CREATE TABLE IF NOT EXISTS projection_binding (
    stable_table     text PRIMARY KEY,
    name             text NOT NULL,
    version          int NOT NULL,
    previous_name    text,
    previous_version int,
    switched_at      timestamptz NOT NULL DEFAULT now()
);
