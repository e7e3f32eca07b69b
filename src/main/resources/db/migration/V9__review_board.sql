-- The team's review board: a finished result put forward (shortlisted) by its owner or an admin, then approved or
-- rejected by an admin with a comment. One entry per task; it goes when its task goes. "version" lets two admins
-- deciding at once learn that the other one was first instead of overwriting each other.
CREATE TABLE board_entry (
    task_id          BIGINT        NOT NULL PRIMARY KEY REFERENCES generation_task (id) ON DELETE CASCADE,
    owner            VARCHAR(100)  NOT NULL,
    verdict          VARCHAR(12)   NOT NULL,
    shortlisted_by   VARCHAR(100)  NOT NULL,
    shortlisted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by       VARCHAR(100),
    decided_at       TIMESTAMP WITH TIME ZONE,
    verdict_comment  VARCHAR(1000),
    version          BIGINT        NOT NULL
);

CREATE INDEX ix_board_entry_verdict ON board_entry (verdict, shortlisted_at DESC);
CREATE INDEX ix_board_entry_owner ON board_entry (owner, verdict);
