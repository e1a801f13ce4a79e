-- certwatch schema v1: crawl bookkeeping, listings and their contacts, sellers
-- (connected components over shared contacts), evidence, analyst work, audit.

CREATE TABLE sources (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  platform    text NOT NULL,
  render      text NOT NULL CHECK (render IN ('http', 'browser')),
  schedule    text,
  enabled     boolean NOT NULL DEFAULT true,
  config      jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crawl_runs (
  id           serial PRIMARY KEY,
  source_id    text NOT NULL REFERENCES sources(id),
  job_id       text UNIQUE,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  stats        jsonb NOT NULL DEFAULT '{}'::jsonb,
  error        text
);
CREATE INDEX crawl_runs_source_idx ON crawl_runs (source_id, started_at DESC);

-- One row per canonical URL; page_versions keeps every distinct body seen.
CREATE TABLE pages (
  id            serial PRIMARY KEY,
  url           text NOT NULL UNIQUE,
  final_url     text NOT NULL,
  source_id     text NOT NULL REFERENCES sources(id),
  status        integer NOT NULL,
  content_type  text,
  charset       text,
  render        text NOT NULL,
  sha256        text NOT NULL,
  first_seen    timestamptz NOT NULL DEFAULT now(),
  fetched_at    timestamptz NOT NULL,
  fetch_count   integer NOT NULL DEFAULT 1,
  gone_at       timestamptz
);
CREATE INDEX pages_source_idx ON pages (source_id);

CREATE TABLE page_versions (
  page_id     integer NOT NULL REFERENCES pages(id),
  sha256      text NOT NULL,
  fetched_at  timestamptz NOT NULL,
  PRIMARY KEY (page_id, sha256)
);

CREATE TABLE sellers (
  id           serial PRIMARY KEY,
  status       text NOT NULL DEFAULT 'new'
               CHECK (status IN ('new', 'in_review', 'confirmed', 'referred', 'closed', 'dismissed')),
  score        real NOT NULL DEFAULT 0,
  assignee     text,
  claimed_at   timestamptz,
  merged_into  integer REFERENCES sellers(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sellers_open_idx ON sellers (score DESC, updated_at DESC) WHERE merged_into IS NULL;

CREATE TABLE listings (
  id               serial PRIMARY KEY,
  url              text NOT NULL UNIQUE,
  page_id          integer REFERENCES pages(id),
  source_id        text NOT NULL REFERENCES sources(id),
  platform         text NOT NULL,
  position         integer NOT NULL DEFAULT 0,
  author_handle    text,
  author_url       text,
  posted_at        text,
  title            text,
  body             text NOT NULL,
  normalized_body  text NOT NULL,
  body_sha256      text NOT NULL,
  simhash          text,
  images           jsonb NOT NULL DEFAULT '[]'::jsonb,
  links            jsonb NOT NULL DEFAULT '[]'::jsonb,
  score            real NOT NULL,
  flagged          boolean NOT NULL,
  review           boolean NOT NULL DEFAULT false,
  model_version    text NOT NULL,
  cert_types       jsonb NOT NULL DEFAULT '[]'::jsonb,
  reasons          jsonb NOT NULL DEFAULT '[]'::jsonb,
  seller_id        integer REFERENCES sellers(id),
  first_seen       timestamptz NOT NULL DEFAULT now(),
  last_seen        timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  gone_at          timestamptz
);
CREATE INDEX listings_seller_idx ON listings (seller_id);
CREATE INDEX listings_flagged_idx ON listings (score DESC, last_seen DESC) WHERE flagged;
CREATE INDEX listings_page_idx ON listings (page_id);

-- Every distinct body a listing has had, so edits and vanished posts keep their history.
CREATE TABLE listing_versions (
  listing_id   integer NOT NULL REFERENCES listings(id),
  body_sha256  text NOT NULL,
  title        text,
  body         text NOT NULL,
  score        real NOT NULL,
  seen_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (listing_id, body_sha256)
);

CREATE TABLE contacts (
  id          serial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('phone', 'wechat', 'qq', 'email', 'url', 'handle')),
  value       text NOT NULL,
  first_seen  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, value)
);

CREATE TABLE listing_contacts (
  listing_id  integer NOT NULL REFERENCES listings(id),
  contact_id  integer NOT NULL REFERENCES contacts(id),
  origin      text NOT NULL DEFAULT 'text',
  PRIMARY KEY (listing_id, contact_id)
);
CREATE INDEX listing_contacts_contact_idx ON listing_contacts (contact_id);

-- Merges keep the older id; the younger one points at it so a referred id never disappears.
CREATE TABLE seller_merges (
  survivor_id  integer NOT NULL REFERENCES sellers(id),
  merged_id    integer NOT NULL REFERENCES sellers(id),
  contact_id   integer REFERENCES contacts(id),
  merged_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (survivor_id, merged_id)
);

CREATE TABLE seller_status_history (
  id           serial PRIMARY KEY,
  seller_id    integer NOT NULL REFERENCES sellers(id),
  from_status  text,
  to_status    text NOT NULL,
  actor        text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  note         text,
  detail       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX seller_status_history_idx ON seller_status_history (seller_id, at);

CREATE TABLE seller_notes (
  id         serial PRIMARY KEY,
  seller_id  integer NOT NULL REFERENCES sellers(id),
  actor      text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  body       text NOT NULL
);

CREATE TABLE captures (
  id            serial PRIMARY KEY,
  listing_id    integer NOT NULL REFERENCES listings(id),
  url           text NOT NULL,
  final_url     text,
  status        integer,
  body_sha256   text,
  reason        text NOT NULL DEFAULT 'flagged',
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
  error         text,
  UNIQUE (listing_id, body_sha256)
);

CREATE TABLE evidence (
  id            serial PRIMARY KEY,
  capture_id    integer NOT NULL REFERENCES captures(id),
  listing_id    integer NOT NULL REFERENCES listings(id),
  role          text NOT NULL,
  media_type    text NOT NULL,
  size          bigint NOT NULL,
  sha256        text NOT NULL,
  sm3           text NOT NULL,
  derived_from  text,
  captured_at   timestamptz NOT NULL,
  tool_versions jsonb NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (capture_id, role)
);
CREATE INDEX evidence_listing_idx ON evidence (listing_id);

CREATE TABLE labels (
  id          serial PRIMARY KEY,
  listing_id  integer NOT NULL REFERENCES listings(id),
  label       text NOT NULL CHECK (label IN ('seller_ad', 'not_seller_ad')),
  actor       text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX labels_listing_idx ON labels (listing_id, at DESC);

CREATE TABLE users (
  id             serial PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('analyst', 'supervisor', 'admin')),
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);

-- Hash-chained: hash = sha256(prev_hash || canonical row), so an edit or deletion breaks the chain.
CREATE TABLE audit_log (
  id          serial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  seller_id   integer,
  listing_id  integer,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE
);
CREATE INDEX audit_log_seller_idx ON audit_log (seller_id, id);
