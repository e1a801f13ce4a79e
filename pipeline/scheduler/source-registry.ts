// The sources an installation crawls, loaded from the configured YAML and mirrored into
// the database; workers and the scheduler read the same registry.
import { resolve } from 'node:path';
import { loadSources, outboundPolicyFor, seedUrls, type OutboundPolicy, type SourceConfig } from '../../crawlers/index.js';
import type { Database } from '../storage/database.js';
import { upsertSources } from '../storage/sources.js';
import { ContactFilter } from '../ingest/contact-filter.js';

export interface SourceRegistry {
  file: string;
  list: SourceConfig[];
  byId: Map<string, SourceConfig>;
  filter: ContactFilter;
}

export function loadSourceRegistry(file: string, env: NodeJS.ProcessEnv = process.env): SourceRegistry {
  const list = loadSources(resolve(file), env);
  return { file, list, byId: new Map(list.map((s) => [s.id, s])), filter: new ContactFilter(list) };
}

export async function syncSourcesTable(db: Database, registry: SourceRegistry): Promise<void> {
  await upsertSources(db, registry.list);
}

const policies = new WeakMap<SourceConfig, OutboundPolicy>();

/** The outbound policy of one source (kept per loaded config, so its DNS answers are reused). */
export function sourceOutbound(registry: SourceRegistry, id: string): OutboundPolicy | undefined {
  const source = registry.byId.get(id);
  if (!source) return undefined;
  let policy = policies.get(source);
  if (!policy) {
    policy = outboundPolicyFor(source, seedUrls(source));
    policies.set(source, policy);
  }
  return policy;
}
