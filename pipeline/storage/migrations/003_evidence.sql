-- Evidence capture v2: a capture is keyed by what it records (the listing's text and
-- whether the post was gone), so manual re-captures of an unchanged page are kept too.
ALTER TABLE captures DROP CONSTRAINT IF EXISTS captures_listing_id_body_sha256_key;
ALTER TABLE captures ADD COLUMN IF NOT EXISTS capture_key text;
ALTER TABLE captures ADD COLUMN IF NOT EXISTS listing_body_sha256 text;
ALTER TABLE captures ADD COLUMN IF NOT EXISTS actor text NOT NULL DEFAULT 'system';
ALTER TABLE captures ADD COLUMN IF NOT EXISTS gone boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX IF NOT EXISTS captures_key_idx ON captures (listing_id, capture_key);
CREATE INDEX IF NOT EXISTS captures_listing_idx ON captures (listing_id, started_at);
CREATE INDEX IF NOT EXISTS evidence_capture_idx ON evidence (capture_id)
