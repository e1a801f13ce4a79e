// The queue's total and its tabs' badges, worked out from one count per lead-rule category and status:
// a tab's badge is the total its own view shows, by the same function, so the two cannot drift apart.
import type { SellerView } from '../../pipeline/leads/lead-rule.js';
import type { MessageKey } from '../i18n/messages.js';
import type { QueueTabCount } from '../storage/queue.js';
import { OPEN_STATUSES, SELLER_STATUSES, type QueueFilters } from './queue-filters.js';

export interface QueueTab {
  view: SellerView;
  status: QueueFilters['status'];
  label: MessageKey;
  count: number;
  active: boolean;
}

/** How many sellers the view and status of `f` list: the queue's total, and each tab's badge. */
export function viewTotal(f: Pick<QueueFilters, 'view' | 'status'>, counts: QueueTabCount[]): number {
  const status = (s: string) => f.status === 'all' || (f.status === 'open' ? (OPEN_STATUSES as string[]).includes(s) : s === f.status);
  let n = 0;
  for (const c of counts) {
    if (!status(c.status)) continue;
    if (f.view === 'all') n += c.n_any;
    else if (c.category === (f.view === 'leads' ? 'lead' : 'review')) n += c.n;
  }
  return n;
}

export function queueTabs(f: QueueFilters, counts: QueueTabCount[]): QueueTab[] {
  const tab = (view: SellerView, status: QueueFilters['status'], label: MessageKey): QueueTab => ({
    view,
    status,
    label,
    count: viewTotal({ view, status }, counts),
    active: f.view === view && f.status === status,
  });
  return [
    // The default view: what `certwatch leads`, the statistics and the XLSX count while no lead has been decided.
    tab('leads', 'open', 'tabOpenLeads'),
    ...SELLER_STATUSES.map((s) => tab('leads', s, `status_${s}`)),
    tab('review', 'open', 'tabReview'),
    tab('all', 'all', 'tabAllSellers'),
  ];
}
