// The queue's tabs and their badges, worked out from one count per lead-rule category and status:
// a tab's badge is the total its own view shows, so the two cannot drift apart.
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

export function queueTabs(f: QueueFilters, counts: QueueTabCount[]): QueueTab[] {
  const sum = (keep: (c: QueueTabCount) => boolean, field: 'n' | 'n_any' = 'n') => counts.filter(keep).reduce((a, c) => a + c[field], 0);
  const open = (status: string) => (OPEN_STATUSES as string[]).includes(status);
  const tab = (view: SellerView, status: QueueFilters['status'], label: MessageKey, count: number): QueueTab => ({
    view,
    status,
    label,
    count,
    active: f.view === view && f.status === status,
  });
  return [
    // The default view: what `certwatch leads`, the statistics and the XLSX count while no lead has been decided.
    tab('leads', 'open', 'tabOpenLeads', sum((c) => c.category === 'lead' && open(c.status))),
    ...SELLER_STATUSES.map((s) => tab('leads', s, `status_${s}`, sum((c) => c.category === 'lead' && c.status === s))),
    tab('review', 'open', 'tabReview', sum((c) => c.category === 'review' && open(c.status))),
    tab('all', 'all', 'tabAllSellers', sum(() => true, 'n_any')),
  ];
}
