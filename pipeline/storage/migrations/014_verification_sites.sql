-- certwatch schema v14: fake verification sites (clones of the Ministry's certificate query
-- platform) as entities of their own beside sellers, and which seller posts cite which site.

-- A seller row is a seller unless it is a cloned verification site: one id space, so the
-- queue, status workflow, captures and evidence packs serve both.
ALTER TABLE sellers ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'seller';
ALTER TABLE sellers DROP CONSTRAINT IF EXISTS sellers_kind_check;
ALTER TABLE sellers ADD CONSTRAINT sellers_kind_check CHECK (kind IN ('seller', 'verification-site'));

-- One row per recognised host; its pages are listings of `seller_id` (platform 'verification-site').
CREATE TABLE IF NOT EXISTS verification_sites (
  host        text PRIMARY KEY,
  seller_id   integer NOT NULL UNIQUE REFERENCES sellers(id),
  title       text,
  reasons     jsonb NOT NULL DEFAULT '[]'::jsonb,
  first_seen  timestamptz NOT NULL DEFAULT now(),
  last_seen   timestamptz NOT NULL DEFAULT now()
);

-- Hosts a flagged or review-band post points at (link, text address, QR code, its own site),
-- written before anyone knows whether the host is a clone, so the citing sellers are known when it is.
CREATE TABLE IF NOT EXISTS site_citations (
  listing_id  integer NOT NULL REFERENCES listings(id),
  host        text NOT NULL,
  via         text NOT NULL CHECK (via IN ('link', 'text', 'qr', 'own-site')),
  url         text NOT NULL,
  first_seen  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (listing_id, host, via)
);
CREATE INDEX IF NOT EXISTS site_citations_host_idx ON site_citations (host);
