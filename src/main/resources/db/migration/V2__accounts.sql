-- Accounts: team members, their personal API tokens, and the audit trail of sign-ins and account changes.
-- Usernames are stored in lower case (lookups are case-insensitive); only PBKDF2 hashes of passwords and
-- SHA-256 hashes of tokens are kept.
CREATE SEQUENCE user_account_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE user_account (
    id                    BIGINT        NOT NULL PRIMARY KEY,
    username              VARCHAR(100)  NOT NULL,
    password_hash         VARCHAR(500)  NOT NULL,
    role                  VARCHAR(10)   NOT NULL,
    enabled               BOOLEAN       NOT NULL,
    must_change_password  BOOLEAN       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at   TIMESTAMP WITH TIME ZONE,
    last_sign_in_at       TIMESTAMP WITH TIME ZONE,
    version               BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT uq_user_account_username UNIQUE (username)
);

CREATE SEQUENCE api_token_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE api_token (
    id            BIGINT        NOT NULL PRIMARY KEY,
    owner         VARCHAR(100)  NOT NULL,
    label         VARCHAR(100)  NOT NULL,
    token_hash    VARCHAR(64)   NOT NULL,
    prefix        VARCHAR(20)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash)
);

CREATE INDEX ix_api_token_owner ON api_token (owner, created_at DESC);

CREATE SEQUENCE audit_event_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE audit_event (
    id              BIGINT        NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    username        VARCHAR(100),
    client_address  VARCHAR(64),
    type            VARCHAR(30)   NOT NULL,
    detail          VARCHAR(200)
);

CREATE INDEX ix_audit_event_at ON audit_event (occurred_at DESC);
CREATE INDEX ix_audit_event_user ON audit_event (username, occurred_at DESC);
