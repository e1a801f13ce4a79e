// Which alerts went out and when (alert_state, migration 010): the claim that keeps one alert
// from being sent twice within its window, even by two evaluators at once, and the hourly count.
import type { Queryable } from './database.js';

export interface AlertClaim {
  key: string;
  /** The row as it was before this claim (null: never sent), so a failed delivery can be undone. */
  previous: { last_sent_at: Date; times_sent: number } | null;
}

/**
 * Takes the right to send `key` now: true when it was never sent or last sent before the window.
 * One statement, so two evaluators racing for the same key cannot both win.
 */
export async function claimAlert(
  db: Queryable,
  a: { key: string; kind: string; sourceId: string | null; alert: unknown },
  windowMinutes: number,
): Promise<AlertClaim | null> {
  const r = await db.query<{ prev_sent: Date | null; prev_times: number | null }>(
    `WITH prev AS (SELECT last_sent_at, times_sent FROM alert_state WHERE alert_key = $1)
     INSERT INTO alert_state AS s (alert_key, kind, source_id, last_alert) VALUES ($1, $2, $3, $4)
     ON CONFLICT (alert_key) DO UPDATE SET last_sent_at = now(), times_sent = s.times_sent + 1, last_alert = EXCLUDED.last_alert, channels = '[]'::jsonb
       WHERE s.last_sent_at < now() - make_interval(mins => $5)
     RETURNING (SELECT last_sent_at FROM prev) AS prev_sent, (SELECT times_sent FROM prev) AS prev_times`,
    [a.key, a.kind, a.sourceId, JSON.stringify(a.alert), windowMinutes],
  );
  const row = r.rows[0];
  if (!row) return null;
  return { key: a.key, previous: row.prev_sent ? { last_sent_at: row.prev_sent, times_sent: row.prev_times ?? 1 } : null };
}

/** True when `key` went out within the window (read only: for counting what the cap held back). */
export async function sentWithin(db: Queryable, key: string, windowMinutes: number): Promise<boolean> {
  const r = await db.query(`SELECT 1 FROM alert_state WHERE alert_key = $1 AND last_sent_at >= now() - make_interval(mins => $2)`, [key, windowMinutes]);
  return r.rows.length > 0;
}

/** Records where a claimed alert was delivered. */
export async function markAlertDelivered(db: Queryable, key: string, channels: string[]): Promise<void> {
  await db.query(`UPDATE alert_state SET channels = $2 WHERE alert_key = $1`, [key, JSON.stringify(channels)]);
}

/** Undoes a claim whose delivery failed everywhere, so the next evaluation tries again. */
export async function releaseAlert(db: Queryable, claim: AlertClaim): Promise<void> {
  if (!claim.previous) await db.query(`DELETE FROM alert_state WHERE alert_key = $1`, [claim.key]);
  else
    await db.query(`UPDATE alert_state SET last_sent_at = $2, times_sent = $3 WHERE alert_key = $1`, [
      claim.key,
      claim.previous.last_sent_at,
      claim.previous.times_sent,
    ]);
}

/** Alert keys sent within the last hour (the rate limit's budget is spent per key). */
export async function alertsSentLastHour(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_state WHERE last_sent_at > now() - interval '1 hour'`)).rows[0]!.n;
}

export interface SentAlertRow {
  alert_key: string;
  kind: string;
  source_id: string | null;
  first_sent_at: Date;
  last_sent_at: Date;
  times_sent: number;
  channels: string[];
}

export async function recentAlerts(db: Queryable, limit = 50): Promise<SentAlertRow[]> {
  return (
    await db.query<SentAlertRow>(
      `SELECT alert_key, kind, source_id, first_sent_at, last_sent_at, times_sent, channels FROM alert_state ORDER BY last_sent_at DESC LIMIT $1`,
      [limit],
    )
  ).rows;
}
