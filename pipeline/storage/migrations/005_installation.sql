-- certwatch schema v5: nothing lost silently — the installation's identity (which names its
-- queues in Redis), crawl runs that are queued or were abandoned, and indexes for the reconciler.

-- One row, made once at the first migrate: a fresh database gets a new id and so a new queue
-- namespace, and never meets the completed jobs an earlier database left under the same prefix.
-- A restored backup keeps its id; the reconciler catches what Redis and the backup disagree on.
CREATE TABLE IF NOT EXISTS installation (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  id          text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO installation (id) VALUES (substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)) ON CONFLICT DO NOTHING;

-- 'queued': asked for, written before the job goes to Redis, so a crawl Redis forgot is still known.
-- 'abandoned': started but its job is gone or finished without closing the run; `error` says why.
ALTER TABLE crawl_runs DROP CONSTRAINT IF EXISTS crawl_runs_status_check;
ALTER TABLE crawl_runs ADD CONSTRAINT crawl_runs_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'abandoned'));
CREATE INDEX IF NOT EXISTS crawl_runs_open_idx ON crawl_runs (id) WHERE status IN ('queued', 'running');

-- What the reconciler looks for, indexed by the condition itself so a pass costs what is owed.
CREATE INDEX IF NOT EXISTS pages_owed_idx ON pages (id) WHERE content_sha256 IS NOT NULL AND analyzed_sha256 IS DISTINCT FROM content_sha256;
CREATE INDEX IF NOT EXISTS listings_unlinked_idx ON listings (id) WHERE (flagged OR review) AND seller_id IS NULL;
CREATE INDEX IF NOT EXISTS captures_listing_body_idx ON captures (listing_id, listing_body_sha256);

-- One definition of "a page whose current content was never analysed", for the reconciler,
-- the demo's pagesNotAnalysed and the sources page alike.
CREATE OR REPLACE VIEW pages_not_analysed AS
  SELECT id, source_id, content_sha256 FROM pages
  WHERE content_sha256 IS NOT NULL AND analyzed_sha256 IS DISTINCT FROM content_sha256;
