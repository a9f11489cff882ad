-- userstore's own tables beside Axon's event and token tables. Idempotent: run at every start.
CREATE SEQUENCE IF NOT EXISTS user_id_seq;

-- One row per user id ever assigned, so an id is never handed out twice.
--   username: the claim, unique store-wide, written in the same transaction as the event append;
--             NULL once the user is forgotten (the name is free again).
--   key:      seals the user's personal data in events; NULL once forgotten (crypto-shredding).
CREATE TABLE IF NOT EXISTS user_registry (
    user_id  bigint PRIMARY KEY,
    username varchar(150) UNIQUE,
    key      bytea
);
