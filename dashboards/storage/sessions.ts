// Session rows: the SHA-256 of the cookie's token (never the token), the user, the per-session
// CSRF token and the expiry; tokens are made and checked in auth/sessions.ts.
import type { Queryable } from '../../pipeline/storage/database.js';
import type { Role } from '../auth/roles.js';

export interface SessionInsert {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  hours: number;
}

/** The session's user, when the session is live and the account enabled. */
export interface SessionUserRow {
  id: number;
  username: string;
  role: Role;
  csrf_token: string;
}

export async function insertSession(db: Queryable, s: SessionInsert): Promise<void> {
  await db.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`, [
    s.tokenHash,
    s.userId,
    s.csrfToken,
    s.hours,
  ]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
}

export async function findSessionUser(db: Queryable, tokenHash: string): Promise<SessionUserRow | undefined> {
  const r = await db.query<SessionUserRow>(
    `SELECT u.id, u.username, u.role, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash],
  );
  return r.rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
