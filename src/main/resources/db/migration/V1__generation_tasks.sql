-- Generation tasks: one row per paid request to the provider, from before the POST until the video is stored.
CREATE SEQUENCE generation_task_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE generation_task (
    id                  BIGINT        NOT NULL PRIMARY KEY,
    owner               VARCHAR(100)  NOT NULL,
    client_request_id   VARCHAR(100),
    state               VARCHAR(20)   NOT NULL,
    prompt              VARCHAR(20000),
    negative_prompt     VARCHAR(2000),
    first_frame         VARCHAR(2048),
    last_frame          VARCHAR(2048),
    first_clip          VARCHAR(2048),
    driving_audio       VARCHAR(2048),
    duration_seconds    INT           NOT NULL,
    resolution          VARCHAR(10)   NOT NULL,
    prompt_extend       BOOLEAN       NOT NULL,
    watermark           BOOLEAN       NOT NULL,
    seed                BIGINT,
    cost_estimate       DECIMAL(12,4) NOT NULL,
    currency            VARCHAR(3)    NOT NULL,
    provider_task_id    VARCHAR(200),
    progress_percent    INT           NOT NULL DEFAULT 0,
    eta_seconds         INT,
    failure_reason      VARCHAR(2000),
    result_url          VARCHAR(4000),
    result_url_expires  TIMESTAMP WITH TIME ZONE,
    video_path          VARCHAR(1000),
    poster_path         VARCHAR(1000),
    video_sha256        VARCHAR(64),
    video_bytes         BIGINT,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    submit_started_at   TIMESTAMP WITH TIME ZONE,
    accepted_at         TIMESTAMP WITH TIME ZONE,
    finished_at         TIMESTAMP WITH TIME ZONE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    next_poll_at        TIMESTAMP WITH TIME ZONE,
    poll_failures       INT           NOT NULL DEFAULT 0,
    claimed_by          VARCHAR(100),
    claimed_until       TIMESTAMP WITH TIME ZONE,
    version             BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT uq_task_client_request UNIQUE (owner, client_request_id)
);

CREATE INDEX ix_task_owner_created ON generation_task (owner, created_at DESC);
CREATE INDEX ix_task_due ON generation_task (state, next_poll_at);

-- Files users upload as task inputs; served to the provider at an unguessable, expiring, read-only link.
CREATE SEQUENCE stored_upload_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE stored_upload (
    id            BIGINT        NOT NULL PRIMARY KEY,
    owner         VARCHAR(100)  NOT NULL,
    token         VARCHAR(64)   NOT NULL UNIQUE,
    file_name     VARCHAR(255),
    media_kind    VARCHAR(10)   NOT NULL,
    format        VARCHAR(10)   NOT NULL,
    content_type  VARCHAR(100)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    width         INT,
    height        INT,
    duration_seconds DOUBLE PRECISION,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
