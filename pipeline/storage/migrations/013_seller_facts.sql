-- certwatch schema v13: the facts the lead rule reads, kept on each seller by triggers, so the
-- queue, its counts and the statistics read one row per seller instead of hashing every listing.

-- What the lead rule (pipeline/leads/lead-rule.ts) asks of a seller's listings. The rule itself
-- stays in TypeScript: reach_kinds holds every contact kind seen (and 'image' for a flagged post
-- with pictures), and the rule says which of them reach a seller.
ALTER TABLE sellers
  ADD COLUMN has_flagged boolean NOT NULL DEFAULT false,
  ADD COLUMN has_flagged_or_review boolean NOT NULL DEFAULT false,
  ADD COLUMN reach_kinds text[] NOT NULL DEFAULT '{}';

-- Set-based (joins and aggregates, no subquery per seller) so the plan holds whatever the
-- statistics say: a statement touching 200,000 sellers (a backfill, a bulk load) is a few hash joins.
CREATE FUNCTION refresh_seller_facts(ids integer[]) RETURNS void LANGUAGE sql AS $$
  WITH todo AS (SELECT DISTINCT x AS id FROM unnest(ids) AS x WHERE x IS NOT NULL),
  l AS (SELECT l.id, l.seller_id, l.flagged, l.review, l.images FROM listings l JOIN todo ON todo.id = l.seller_id),
  k AS (
    SELECT l.seller_id, c.kind AS k FROM l JOIN listing_contacts lc ON lc.listing_id = l.id JOIN contacts c ON c.id = lc.contact_id
    UNION
    SELECT l.seller_id, 'image' FROM l WHERE l.flagged AND jsonb_typeof(l.images) = 'array' AND jsonb_array_length(l.images) > 0
  ),
  r AS (SELECT seller_id, array_agg(k ORDER BY k) AS kinds FROM k GROUP BY seller_id),
  f AS (
    SELECT todo.id, COALESCE(bool_or(l.flagged), false) AS has_flagged, COALESCE(bool_or(l.flagged OR l.review), false) AS has_flagged_or_review
    FROM todo LEFT JOIN l ON l.seller_id = todo.id GROUP BY todo.id
  ),
  n AS (SELECT f.id, f.has_flagged, f.has_flagged_or_review, COALESCE(r.kinds, '{}'::text[]) AS reach_kinds FROM f LEFT JOIN r ON r.seller_id = f.id)
  UPDATE sellers s SET has_flagged = n.has_flagged, has_flagged_or_review = n.has_flagged_or_review, reach_kinds = n.reach_kinds
  FROM n
  WHERE s.id = n.id
    AND (s.has_flagged, s.has_flagged_or_review, s.reach_kinds) IS DISTINCT FROM (n.has_flagged, n.has_flagged_or_review, n.reach_kinds)
$$;

-- One pass per statement over the rows it touched (a crawl's batch upsert, a merge moving hundreds
-- of listings), and only for the sellers whose facts could have changed.
CREATE FUNCTION seller_facts_listings_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_seller_facts(ARRAY(SELECT DISTINCT seller_id FROM new_rows WHERE seller_id IS NOT NULL));
  RETURN NULL;
END $$;

CREATE FUNCTION seller_facts_listings_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_seller_facts(ARRAY(
    SELECT x FROM (
      SELECT unnest(ARRAY[n.seller_id, o.seller_id]) AS x FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.seller_id IS DISTINCT FROM o.seller_id OR n.flagged IS DISTINCT FROM o.flagged
         OR n.review IS DISTINCT FROM o.review OR n.images IS DISTINCT FROM o.images
    ) y WHERE x IS NOT NULL GROUP BY x));
  RETURN NULL;
END $$;

CREATE FUNCTION seller_facts_listings_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_seller_facts(ARRAY(SELECT DISTINCT seller_id FROM old_rows WHERE seller_id IS NOT NULL));
  RETURN NULL;
END $$;

CREATE FUNCTION seller_facts_contacts_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_seller_facts(ARRAY(SELECT DISTINCT l.seller_id FROM new_rows r JOIN listings l ON l.id = r.listing_id WHERE l.seller_id IS NOT NULL));
  RETURN NULL;
END $$;

CREATE FUNCTION seller_facts_contacts_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_seller_facts(ARRAY(SELECT DISTINCT l.seller_id FROM old_rows r JOIN listings l ON l.id = r.listing_id WHERE l.seller_id IS NOT NULL));
  RETURN NULL;
END $$;

CREATE TRIGGER seller_facts_listings_ins AFTER INSERT ON listings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION seller_facts_listings_ins();
CREATE TRIGGER seller_facts_listings_upd AFTER UPDATE ON listings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION seller_facts_listings_upd();
CREATE TRIGGER seller_facts_listings_del AFTER DELETE ON listings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION seller_facts_listings_del();
CREATE TRIGGER seller_facts_contacts_ins AFTER INSERT ON listing_contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION seller_facts_contacts_ins();
CREATE TRIGGER seller_facts_contacts_del AFTER DELETE ON listing_contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION seller_facts_contacts_del();

SELECT refresh_seller_facts(ARRAY(SELECT id FROM sellers));

-- The queue's default view: live sellers with a flagged listing, best first.
CREATE INDEX sellers_flagged_live_idx ON sellers (score DESC, id) WHERE merged_into IS NULL AND has_flagged;
