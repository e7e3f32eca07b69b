-- A signed-in browser, known to every instance: the "wan_session" cookie carries a random token whose SHA-256 is
-- kept here, so that a user whose next request reaches another instance (a proxy without stickiness, an instance
-- restarted or gone) stays signed in; sign-out, a password change and disabling the account end it everywhere.
CREATE TABLE web_session (
    token_hash            VARCHAR(64)   NOT NULL PRIMARY KEY,
    username              VARCHAR(100)  NOT NULL,
    signed_in_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    must_change_password  BOOLEAN       NOT NULL,
    ended_at              TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_web_session_user ON web_session (username);
