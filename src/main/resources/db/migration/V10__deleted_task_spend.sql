-- What a deleted task cost stays: a user deleting videos must not make the month's spend (and what an approved
-- second cost) look smaller. One row per deleted task, written in the transaction that deletes it.
CREATE TABLE deleted_task_spend (
    task_id           BIGINT         NOT NULL PRIMARY KEY,
    owner             VARCHAR(100)   NOT NULL,
    state             VARCHAR(20)    NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_seconds  INTEGER        NOT NULL,
    cost              DECIMAL(14, 4) NOT NULL,
    deleted_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_deleted_task_spend_created ON deleted_task_spend (created_at);
