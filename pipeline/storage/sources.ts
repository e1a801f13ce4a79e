// The sources table mirrors sources.yaml, so runs, pages and listings can name the
// source they came from even after the file changes.
import type { SourceConfig } from '../../crawlers/index.js';
import type { Queryable } from './database.js';

export async function upsertSources(db: Queryable, sources: SourceConfig[]): Promise<void> {
  for (const s of sources) {
    await db.query(
      `INSERT INTO sources (id, name, platform, render, schedule, enabled, config, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, platform = EXCLUDED.platform, render = EXCLUDED.render,
         schedule = EXCLUDED.schedule, enabled = EXCLUDED.enabled, config = EXCLUDED.config, updated_at = now()`,
      [s.id, s.name, s.platform, s.render, s.schedule ?? null, s.enabled, JSON.stringify(s)],
    );
  }
}
