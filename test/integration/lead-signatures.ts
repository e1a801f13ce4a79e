// Leads compared across two databases: seller ids differ from run to run, so a lead is known
// by the listing URLs it groups (and its contacts) — two runs agree when these sets are equal.
import type { Queryable } from '../../pipeline/storage/database.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';

export async function leadSignatures(db: Queryable): Promise<string[]> {
  const leads = await listLeads(db);
  return leads
    .map((l) => [...l.listings.map((x) => x.url).sort(), '|', ...l.contacts.map((c) => `${c.kind}:${c.value}`).sort()].join(' '))
    .sort();
}
