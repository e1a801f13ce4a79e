// Server-side sessions: the cookie holds a random token, the database only its
// SHA-256 (a leaked table cannot be replayed), with a per-session CSRF token.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../pipeline/storage/database.js';
import { deleteExpiredSessions, findSessionUser, insertSession } from '../storage/sessions.js';
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
  await insertSession(db, { tokenHash: tokenHash(token), userId, csrfToken, hours: SESSION_HOURS });
  // Expired rows are cleaned as a side effect of logins, so the table never grows without bound.
  await deleteExpiredSessions(db);
  return { token, csrfToken };
}

export async function loadSession(db: Queryable, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const h = tokenHash(token);
  const row = await findSessionUser(db, h);
  return row ? { id: row.id, username: row.username, role: row.role, csrfToken: row.csrf_token, tokenHash: h } : null;
}
