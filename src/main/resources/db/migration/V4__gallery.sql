-- The gallery: favourites, tags, and lineage (a task made by remix, extend, retry or stitch links to its parent).
ALTER TABLE generation_task ADD COLUMN favourite BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE generation_task ADD COLUMN parent_task_id BIGINT;
ALTER TABLE generation_task ADD COLUMN lineage VARCHAR(10);
ALTER TABLE generation_task ADD CONSTRAINT fk_task_parent FOREIGN KEY (parent_task_id)
    REFERENCES generation_task (id) ON DELETE SET NULL;
CREATE INDEX ix_task_parent ON generation_task (parent_task_id);

CREATE TABLE task_tag (
    task_id BIGINT      NOT NULL REFERENCES generation_task (id) ON DELETE CASCADE,
    tag     VARCHAR(40) NOT NULL,
    PRIMARY KEY (task_id, tag)
);
CREATE INDEX ix_task_tag_tag ON task_tag (tag, task_id);
