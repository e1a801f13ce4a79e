// The sources an installation crawls, loaded from the configured YAML and mirrored into
// the database; workers and the scheduler read the same registry.
import { resolve } from 'node:path';
import { loadSources, type SourceConfig } from '../../crawlers/index.js';
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
