-- Share links: a signed, expiring, revocable read-only link to one finished video. Only the SHA-256 of the
-- link's random token is kept (the link is shown to its maker, who passes it on); a link goes with its task.
CREATE SEQUENCE share_link_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE share_link (
    id          BIGINT        NOT NULL PRIMARY KEY,
    task_id     BIGINT        NOT NULL REFERENCES generation_task (id) ON DELETE CASCADE,
    owner       VARCHAR(100)  NOT NULL,
    token_hash  VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_share_link_token UNIQUE (token_hash)
);

CREATE INDEX ix_share_link_task ON share_link (task_id, created_at DESC);
