-- certwatch schema v8: analysts join and separate sellers by hand, and link jobs respect it:
-- a join binds listings into one component, an apart keeps its two sides out of one component.

-- A decision stays in force until a later one by hand undoes it (revoked_at), never by a link job.
CREATE TABLE seller_link_decisions (
  id           serial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('join', 'apart')),
  -- join: the surviving seller and the one merged into it; apart: the seller and the part split off.
  seller_id    integer NOT NULL REFERENCES sellers(id),
  other_id     integer NOT NULL REFERENCES sellers(id),
  actor        text NOT NULL,
  reason       text NOT NULL DEFAULT '',
  decided_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  revoked_by   integer REFERENCES seller_link_decisions(id)
);

-- join: every listing bound, side 0; apart: side 0 stayed, side 1 moved.
CREATE TABLE seller_link_sides (
  decision_id  integer NOT NULL REFERENCES seller_link_decisions(id),
  listing_id   integer NOT NULL REFERENCES listings(id),
  side         smallint NOT NULL CHECK (side IN (0, 1)),
  PRIMARY KEY (decision_id, listing_id)
);
CREATE INDEX seller_link_sides_listing_idx ON seller_link_sides (listing_id);
