-- Sign-in state every instance must see alike (it was in each instance's memory): when a user's sessions were
-- ended, and the recent failed sign-ins that pause an account or a client address.
ALTER TABLE user_account ADD COLUMN sessions_revoked_at TIMESTAMP WITH TIME ZONE;

CREATE SEQUENCE sign_in_failure_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE sign_in_failure (
    id           BIGINT        NOT NULL PRIMARY KEY,
    kind         VARCHAR(10)   NOT NULL,
    failure_key  VARCHAR(200)  NOT NULL,
    failed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_sign_in_failure_key ON sign_in_failure (kind, failure_key, failed_at);
CREATE INDEX ix_sign_in_failure_at ON sign_in_failure (failed_at);
