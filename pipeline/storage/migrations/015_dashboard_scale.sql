-- certwatch schema v15: the indexes the dashboard needs at a year's volume (1,000,000 listings,
-- 200,000 sellers; test/bench/year-volume-bench.ts): search by text, the statistics' date ranges.

-- Search matches a typed word anywhere in a title, handle or the normalised text (ILIKE '%…%'),
-- which no btree serves: every search read all listings (4 s at a year). Trigram indexes answer
-- it. The extension goes into public, not the current schema: a schema dropped with CASCADE (a
-- test's) would take the extension, and every other schema's trigram indexes, with it. Where
-- it is already installed elsewhere, that schema's operator class is used.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
DO $$
DECLARE
  ext_schema text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm');
BEGIN
  EXECUTE format('CREATE INDEX IF NOT EXISTS listings_title_trgm_idx ON listings USING gin (title %I.gin_trgm_ops)', ext_schema);
  EXECUTE format('CREATE INDEX IF NOT EXISTS listings_handle_trgm_idx ON listings USING gin (author_handle %I.gin_trgm_ops)', ext_schema);
  EXECUTE format('CREATE INDEX IF NOT EXISTS listings_body_trgm_idx ON listings USING gin (normalized_body %I.gin_trgm_ops)', ext_schema);
END $$;

-- The statistics count listings per day of a range: read from the index alone (flagged carried).
CREATE INDEX IF NOT EXISTS listings_first_seen_idx ON listings (first_seen) INCLUDE (flagged);
-- Their breakdowns read the flagged listings of a range with what they group by, from the index
-- alone: a 90-day range is a quarter of all listings, scattered over the whole table.
CREATE INDEX IF NOT EXISTS listings_flagged_first_seen_idx ON listings (first_seen) INCLUDE (seller_id, platform, cert_types, id) WHERE flagged;
-- New leads of a range, by the day their seller was found.
CREATE INDEX IF NOT EXISTS sellers_created_idx ON sellers (created_at) WHERE merged_into IS NULL;
