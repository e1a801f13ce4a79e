// One queue screen's data: a single pass puts the sellers in their lead-rule categories, giving the
// page and, from one count per category and status, its total and tab badges; the HTML page,
// /api/queue and the XLSX export all read it, so they cannot disagree.
import type { Queryable } from '../../pipeline/storage/database.js';
import { fetchQueueRows, fetchQueueSlice, PAGE_SIZE, type QueueRow } from '../storage/queue.js';
import type { QueueFilters } from './queue-filters.js';
import { queueTabs, viewTotal, type QueueTab } from './queue-tabs.js';

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  tabs: QueueTab[];
}

export async function loadQueuePage(db: Queryable, f: QueueFilters, pageSize = PAGE_SIZE): Promise<QueuePage> {
  const slice = await fetchQueueSlice(db, f, pageSize);
  const rows = await fetchQueueRows(db, slice.page);
  return { rows, total: viewTotal(f, slice.counts), tabs: queueTabs(f, slice.counts) };
}
