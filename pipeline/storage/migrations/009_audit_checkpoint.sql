-- certwatch schema v9: the audit chain is verified incrementally. One row remembers the last
-- entry a check found sound (its id and hash), so a view re-hashes only the entries after it.
CREATE TABLE audit_chain_checkpoint (
  id           integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_id      bigint NOT NULL,
  last_hash    text NOT NULL,
  entries      bigint NOT NULL,
  verified_at  timestamptz NOT NULL DEFAULT now(),
  -- When the whole chain was last re-hashed: an incremental check falls back to a full one a day on.
  full_at      timestamptz NOT NULL DEFAULT now()
);
