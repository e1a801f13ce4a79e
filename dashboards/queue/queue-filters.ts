// The triage queue's filters as they arrive in a query string: parsed and bounded
// here, so the SQL builder only ever sees known fields and safe values (a bad one is a 400).
import { z } from 'zod';
import { cleanText, day, parseInput } from '../http/input-schemas.js';
import { SELLER_VIEWS } from '../../pipeline/leads/lead-rule.js';
import { interpretSearch } from './search-query.js';

export const SELLER_STATUSES = ['new', 'in_review', 'confirmed', 'referred', 'closed', 'dismissed'] as const;
export type SellerStatus = (typeof SELLER_STATUSES)[number];
export const OPEN_STATUSES: SellerStatus[] = ['new', 'in_review'];

const short = cleanText(100)
  .transform((s) => s.trim())
  .optional();

export const queueFiltersSchema = z.object({
  // Which sellers under the one lead rule (pipeline/leads/lead-rule.ts): leads unless asked otherwise.
  view: z.enum(SELLER_VIEWS).default('leads'),
  source: short,
  platform: short,
  cert: short,
  authority: z.enum(['mem', 'samr', 'mohurd', 'other']).optional(),
  status: z.enum([...SELLER_STATUSES, 'open', 'all']).default('open'),
  from: day.optional(),
  to: day.optional(),
  q: cleanText(200)
    .transform((s) => s.trim())
    .optional(),
  sort: z.enum(['score', 'recent']).default('score'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export type QueueFilters = z.infer<typeof queueFiltersSchema>;

export function parseQueueFilters(query: unknown): QueueFilters {
  const raw = typeof query === 'object' && query ? Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '')) : {};
  const f = parseInput(queueFiltersSchema, raw);
  // A contact searched under the default status (待处理, which the search form always sends) searches
  // every status: a referred or dismissed seller's number must still be found.
  if (f.q && f.status === 'open' && interpretSearch(f.q).isContact) f.status = 'all';
  return f;
}

/** The same filters as a query string (for pager links and the export button). */
export function filtersToQuery(f: QueueFilters, overrides: Partial<QueueFilters> = {}): string {
  const merged = { ...f, ...overrides };
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'status' && v === 'open') || (k === 'view' && v === 'leads') || (k === 'sort' && v === 'score')) continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
