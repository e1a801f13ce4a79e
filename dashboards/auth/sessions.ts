// Server-side sessions: the cookie holds a random token, the database only its
// SHA-256 (a leaked table cannot be replayed), with a per-session CSRF token.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../pipeline/storage/database.js';
import type { Role } from './roles.js';

export const SESSION_COOKIE = 'cw_session';
export const SESSION_HOURS = 12;

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  csrfToken: string;
  tokenHash: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Queryable, userId: number): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`, [
    tokenHash(token),
    userId,
    csrfToken,
    SESSION_HOURS,
  ]);
  // Expired rows are cleaned as a side effect of logins, so the table never grows without bound.
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  return { token, csrfToken };
}

export async function loadSession(db: Queryable, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const h = tokenHash(token);
  const r = await db.query<{ id: number; username: string; role: Role; csrf_token: string }>(
    `SELECT u.id, u.username, u.role, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [h],
  );
  const row = r.rows[0];
  return row ? { id: row.id, username: row.username, role: row.role, csrfToken: row.csrf_token, tokenHash: h } : null;
}

export async function destroySession(db: Queryable, tokenHashValue: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHashValue]);
}
