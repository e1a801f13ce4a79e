-- certwatch schema v2: what the pipeline stages need beyond v1 — the content hash that
-- decides re-analysis (and whether analysis finished), and thread keys for reply-floor linking.

-- sha256 of what analysis reads (decoded HTML + revealed extras + status); `sha256` stays the raw body.
ALTER TABLE pages ADD COLUMN content_sha256 text;
-- The content hash the analyze stage last finished; differs from content_sha256 while work is owed.
ALTER TABLE pages ADD COLUMN analyzed_sha256 text;

-- One thread across its pages (thread-TID-K-1.html → thread-TID), so a seller's reply floor joins the ad.
ALTER TABLE listings ADD COLUMN thread_key text;
CREATE INDEX listings_thread_idx ON listings (thread_key, author_handle);
CREATE INDEX sellers_merged_idx ON sellers (merged_into);
