-- certwatch schema v6: every evidence pack made is kept as a numbered version of its seller
-- (file in the blob store by SHA-256), and a referral points at the exact version it sent.
CREATE TABLE IF NOT EXISTS packs (
  id               serial PRIMARY KEY,
  seller_id        integer NOT NULL REFERENCES sellers(id),
  version          integer NOT NULL CHECK (version > 0),
  sha256           text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size             bigint NOT NULL,
  files            integer NOT NULL,
  pack_id          text NOT NULL,
  made_by          text NOT NULL,
  made_at          timestamptz NOT NULL,
  made_via         text NOT NULL CHECK (made_via IN ('referral', 'dashboard', 'cli', 'queue')),
  export_audit_id  integer NOT NULL,
  UNIQUE (seller_id, version)
);

ALTER TABLE referrals ADD COLUMN IF NOT EXISTS pack_version_id integer REFERENCES packs(id);
