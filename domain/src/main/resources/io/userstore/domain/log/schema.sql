-- userstore's own tables beside Axon's event and token tables, in the userstore schema.
-- Idempotent: run whenever the definitions change.
CREATE SEQUENCE IF NOT EXISTS userstore.user_id_seq;

-- One row per user id ever assigned, so an id is never handed out twice.
--   username: the claim, unique store-wide, written in the same transaction as the event append;
--             NULL once the user is forgotten or deleted (the name is free again).
--   key:      seals the user's personal data in events; NULL once forgotten (crypto-shredding).
--   deleted:  the user left every projection; its history stays readable.
CREATE TABLE IF NOT EXISTS userstore.user_registry (
    user_id  bigint PRIMARY KEY,
    username varchar(150) UNIQUE,
    key      bytea
);
ALTER TABLE userstore.user_registry ADD COLUMN IF NOT EXISTS deleted boolean NOT NULL DEFAULT false;
