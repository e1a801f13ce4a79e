// Where an installation's queues live in Redis: the configured prefix plus the database's
// installation id, so job ids (content-derived, reused across databases) never collide.
import type { Queryable } from '../storage/database.js';
import { readInstallationId } from '../storage/installation.js';

export function queueNamespace(prefix: string, installationId: string): string {
  return `${prefix}:${installationId}`;
}

/** The namespace for the database `db`: a fresh database gets a new one, a restored one keeps its own. */
export async function installationQueuePrefix(db: Queryable, prefix: string): Promise<{ installationId: string; queuePrefix: string }> {
  const installationId = await readInstallationId(db);
  return { installationId, queuePrefix: queueNamespace(prefix, installationId) };
}
