-- certwatch schema v11: text read in images (OCR and QR codes), once per image content, and
-- which image of which listing had those bytes: the provenance of contacts with origin image/qr.

-- One row per image content (SHA-256 of its bytes, also its blob address): a page analysed again
-- never runs the engine again on the same bytes. status: read | skipped (over budget, not an
-- image) | failed (the engine failed or timed out); skipped and failed rows say why.
CREATE TABLE image_reads (
  sha256     text PRIMARY KEY,
  status     text NOT NULL,
  reason     text,
  ocr_text   text NOT NULL DEFAULT '',
  qr_text    text,
  contacts   jsonb NOT NULL DEFAULT '[]',
  bytes      integer NOT NULL,
  width      integer,
  height     integer,
  ms         integer NOT NULL DEFAULT 0,
  engine     text NOT NULL,
  read_at    timestamptz NOT NULL DEFAULT now()
);

-- The images of a listing's current version, by URL, with the content they had.
CREATE TABLE listing_images (
  listing_id  integer NOT NULL REFERENCES listings(id),
  url         text NOT NULL,
  sha256      text NOT NULL REFERENCES image_reads(sha256),
  seen_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (listing_id, url)
);
CREATE INDEX listing_images_sha_idx ON listing_images (sha256);
