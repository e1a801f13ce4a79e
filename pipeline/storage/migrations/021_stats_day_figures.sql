-- certwatch schema v21: the statistics' figures for closed days, counted once, so a 90-day range at a
-- year's volume reads a few thousand rows instead of every listing of the range (issue 17, item 3).

-- One row per day (local, in stats_day_meta.zone), kind and key, summed over sellers:
--   kind 'listings'  n new listings, m flagged listings (every listing, linked or not);
--   kind 'new-lead'  n leads first linked that day, by class;
--   kind 'cert' / 'platform'  n "points" with this gap, m their flagged listings: a point is a lead
--     seller with a flagged listing of that certificate code / platform first seen that day, and gap
--     the days since the seller's previous point of the same key (0: none before). A range [a, b]
--     counts a seller once, at its first point in the range: gap = 0 or gap > day - a;
--   kind 'label'  n listing elements of code `key` with this label and authority (what min() reads)
--   kind 'confirmed'  n sellers confirmed that day whose previous confirmation was `gap` days before
--     (a week or month counts a seller once), 'referred' / 'closed'  n referrals made / closed.
-- class is the seller's status group when counted: open (new, in_review, dismissed), confirmed,
-- referred (referred, closed). Only leads are counted: the lead rule on the data of that moment.
-- Rows are sums of per-seller contributions, so a change to a few sellers is applied as their
-- contribution taken away before and added back after (pipeline/storage/stats-day-figures.ts).
CREATE TABLE IF NOT EXISTS stats_day_figures (
  day        date NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('listings', 'new-lead', 'cert', 'platform', 'label', 'confirmed', 'referred', 'closed')),
  key        text NOT NULL DEFAULT '',
  label      text,
  authority  text,
  class      text NOT NULL DEFAULT '',
  gap        integer NOT NULL DEFAULT 0,
  n          bigint NOT NULL,
  m          bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS stats_day_figures_key_idx
  ON stats_day_figures (day, kind, key, label, authority, class, gap) NULLS NOT DISTINCT;
-- Contributions taken away leave zeros behind; they are deleted right after.
CREATE INDEX IF NOT EXISTS stats_day_figures_zero_idx ON stats_day_figures (day) WHERE n = 0 AND m = 0;

-- What the figures cover: one row, or none before the first build (the statistics then count live).
CREATE TABLE IF NOT EXISTS stats_day_meta (
  only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  zone            text NOT NULL,
  closed_through  date NOT NULL,
  built_at        timestamptz NOT NULL DEFAULT now(),
  checked_at      timestamptz,
  -- The highest listing id when built: a database restored to an earlier state shows a lower one.
  max_listing_id  integer NOT NULL DEFAULT 0
);

-- Referrals made or closed since the last closed day, counted live, without reading every referral.
CREATE INDEX IF NOT EXISTS referrals_referred_at_idx ON referrals (referred_at);
CREATE INDEX IF NOT EXISTS referrals_closed_at_idx ON referrals (closed_at) WHERE closed_at IS NOT NULL;

-- Changes to a few sellers (a triage decision, a merge) are appended here, never updated in place,
-- so concurrent decisions and link jobs take no row locks on shared figures: their before-and-after
-- contributions, summed with stats_day_figures by every read, folded into it when no change is open.
CREATE TABLE IF NOT EXISTS stats_day_deltas (
  day        date NOT NULL,
  kind       text NOT NULL,
  key        text NOT NULL DEFAULT '',
  label      text,
  authority  text,
  class      text NOT NULL DEFAULT '',
  gap        integer NOT NULL DEFAULT 0,
  n          bigint NOT NULL,
  m          bigint NOT NULL DEFAULT 0
);
