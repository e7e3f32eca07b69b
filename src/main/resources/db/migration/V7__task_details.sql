-- What the task detail page shows beyond the request: when the provider started working, and the seed it used
-- (the provider picks one when the user did not).
ALTER TABLE generation_task ADD COLUMN processing_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE generation_task ADD COLUMN seed_used BIGINT;
