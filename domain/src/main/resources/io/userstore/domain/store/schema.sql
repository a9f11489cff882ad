-- userstore's own tables beside Axon's event and token tables. Idempotent: run at every start.
CREATE SEQUENCE IF NOT EXISTS user_id_seq;

-- One row per user id ever assigned, so an id is never handed out twice. The key seals the
-- user's personal data in events; forgetting a user sets it to NULL (crypto-shredding).
CREATE TABLE IF NOT EXISTS user_keys (
    user_id bigint PRIMARY KEY,
    key     bytea
);

-- The username claim: unique store-wide, written in the same transaction as the event append.
CREATE TABLE IF NOT EXISTS usernames (
    username varchar(150) PRIMARY KEY,
    user_id  bigint NOT NULL REFERENCES user_keys (user_id)
);
CREATE INDEX IF NOT EXISTS usernames_user_id ON usernames (user_id);
