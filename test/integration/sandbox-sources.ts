// Sandbox sources for pipeline tests: the shipped sandbox.yaml on a test's port, cut down
// to a few sources and a page budget so a whole cycle fits in a test's time.
import { loadSourceRegistry, type SourceRegistry } from '../../pipeline/scheduler/source-registry.js';
import { ContactFilter } from '../../pipeline/ingest/contact-filter.js';

export function sandboxRegistry(port: number, ids: string[], maxPages: number, rate = 20): SourceRegistry {
  const full = loadSourceRegistry('sandbox/sources.yaml', { ...process.env, CERTWATCH_SANDBOX_PORT: String(port) });
  // The contact filter knows every sandbox platform even when only some are crawled.
  const filter = new ContactFilter(full.list);
  const list = full.list.filter((s) => ids.includes(s.id)).map((s) => ({ ...s, enabled: true, maxPages, rate, concurrency: Math.min(s.concurrency, 4) }));
  return { file: full.file, list, byId: new Map(list.map((s) => [s.id, s])), filter };
}
