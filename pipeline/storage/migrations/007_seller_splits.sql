-- certwatch schema v7: a listing's contacts are those of its current version, so sellers can
-- come apart; the split log sits beside the merge log, and dropped contacts stay as evidence.

-- A seller that is no longer connected keeps its id on its larger (then older) part; each other
-- part goes to `split_id` (new, or an existing seller it now joins), listed here like a merge.
CREATE TABLE seller_splits (
  id           serial PRIMARY KEY,
  kept_id      integer NOT NULL REFERENCES sellers(id),
  split_id     integer NOT NULL REFERENCES sellers(id),
  listing_ids  integer[] NOT NULL,
  reason       text NOT NULL,
  actor        text NOT NULL DEFAULT 'system',
  split_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seller_splits_kept_idx ON seller_splits (kept_id);
CREATE INDEX seller_splits_split_idx ON seller_splits (split_id);

-- Contacts an edited or removed post no longer shows: they stop linking, but what was seen is kept.
CREATE TABLE listing_contacts_dropped (
  listing_id  integer NOT NULL REFERENCES listings(id),
  contact_id  integer NOT NULL REFERENCES contacts(id),
  origin      text NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('edited', 'gone')),
  dropped_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listing_contacts_dropped_listing_idx ON listing_contacts_dropped (listing_id);
