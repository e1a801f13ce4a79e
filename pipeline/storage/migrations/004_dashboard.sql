-- certwatch schema v4: what the analyst dashboard needs beyond v1 — referrals with their
-- unit, pack hash and outcome, supervisor-triggered retraining runs, and search/queue indexes.

CREATE TABLE IF NOT EXISTS referrals (
  id            serial PRIMARY KEY,
  seller_id     integer NOT NULL REFERENCES sellers(id),
  unit          text NOT NULL,
  referred_by   text NOT NULL,
  referred_at   timestamptz NOT NULL DEFAULT now(),
  pack_sha256   text,
  pack_path     text,
  outcome       text,
  closed_by     text,
  closed_at     timestamptz
);
CREATE INDEX IF NOT EXISTS referrals_seller_idx ON referrals (seller_id, referred_at DESC);

CREATE TABLE IF NOT EXISTS retrain_runs (
  id            serial PRIMARY KEY,
  requested_by  text NOT NULL,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  labels        integer NOT NULL DEFAULT 0,
  model_path    text,
  metrics       jsonb NOT NULL DEFAULT '{}'::jsonb,
  error         text,
  finished_at   timestamptz
);

-- Queue: sellers with something to triage, found through their flagged listings.
CREATE INDEX IF NOT EXISTS listings_seller_flagged_idx ON listings (seller_id) WHERE flagged OR review;
CREATE INDEX IF NOT EXISTS sellers_recent_idx ON sellers (updated_at DESC) WHERE merged_into IS NULL;
-- Contact search by prefix (phone, WeChat, QQ).
CREATE INDEX IF NOT EXISTS contacts_value_prefix_idx ON contacts (value text_pattern_ops);
CREATE INDEX IF NOT EXISTS labels_at_idx ON labels (at);
CREATE INDEX IF NOT EXISTS seller_status_history_at_idx ON seller_status_history (to_status, at);
-- Certificate filters (cert_types @> '[{"code": …}]').
CREATE INDEX IF NOT EXISTS listings_cert_types_idx ON listings USING gin (cert_types jsonb_path_ops);
