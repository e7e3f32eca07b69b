-- The gallery's keyset pages: for each sort key an index (owner, key, id), and the same with the state in front
-- of the key for the state filter, so that a page walks its index from the cursor and stops after a page of rows
-- (checked with EXPLAIN ANALYZE in GalleryIndexesTest: "index sorted", rows scanned = page size + 1). One
-- ascending index serves both directions (H2 walks it backwards for DESC). The queries name the columns fixed by
-- equality in their ORDER BY too (owner, state): without them H2 does not see that the index is in order.
DROP INDEX ix_task_owner_created;
CREATE INDEX ix_task_owner_created ON generation_task (owner, created_at, id);
CREATE INDEX ix_task_owner_duration ON generation_task (owner, duration_seconds, id);
CREATE INDEX ix_task_owner_cost ON generation_task (owner, cost_estimate, id);
CREATE INDEX ix_task_owner_state_created ON generation_task (owner, state, created_at, id);
CREATE INDEX ix_task_owner_state_duration ON generation_task (owner, state, duration_seconds, id);
CREATE INDEX ix_task_owner_state_cost ON generation_task (owner, state, cost_estimate, id);
-- favourites are usually few: without this the newest favourites would be searched for among all tasks
CREATE INDEX ix_task_owner_favourite_created ON generation_task (owner, favourite, created_at, id);
