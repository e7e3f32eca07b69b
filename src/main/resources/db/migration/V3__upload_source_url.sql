-- Uploads can be imported from a URL the user gave (fetched through the SSRF guard): where each came from.
ALTER TABLE stored_upload ADD COLUMN source_url VARCHAR(4096);
