// The sources an installation crawls, loaded from the configured YAML and mirrored into
// the database; workers and the scheduler read the same registry.
import { resolve } from 'node:path';
import { loadSources, outboundPolicyFor, seedUrls, type OutboundPolicy, type SourceConfig } from '../../crawlers/index.js';
import type { Database } from '../storage/database.js';
import { upsertSources } from '../storage/sources.js';
import { ContactFilter } from '../ingest/contact-filter.js';
import { CITED_SITES_SOURCE_ID, citedSiteSource } from '../verification/follow-source.js';

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
  const source = registry.byId.get(id) ?? (id === CITED_SITES_SOURCE_ID ? citedSitesSource(registry) : undefined);
  if (!source) return undefined;
  let policy = policies.get(source);
  if (!policy) {
    policy = outboundPolicyFor(source, seedUrls(source));
    policies.set(source, policy);
  }
  return policy;
}

const citedSources = new WeakMap<SourceRegistry, SourceConfig>();

/**
 * The policy a cited site's page is captured under: any public host, and private addresses only when
 * every configured source allows them (an intranet or the sandbox), the strictest reading of who cited it.
 */
function citedSitesSource(registry: SourceRegistry): SourceConfig {
  let s = citedSources.get(registry);
  if (!s) {
    const allowPrivate = registry.list.length > 0 && registry.list.every((x) => x.allowPrivateAddresses);
    s = { ...citedSiteSource('http://cited.invalid', 1, allowPrivate), seeds: [] };
    citedSources.set(registry, s);
  }
  return s;
}
