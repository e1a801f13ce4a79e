// The installation's identity: one random id made by migration 005 and kept in the database,
// so the queues in Redis can be told apart from those an earlier (or other) database left.
import type { Queryable } from './database.js';

export async function readInstallationId(db: Queryable): Promise<string> {
  const r = await db.query<{ id: string }>('SELECT id FROM installation');
  const id = r.rows[0]?.id;
  if (!id) throw new Error('the installation row is missing (migration 005 makes it): the database was not migrated');
  return id;
}
