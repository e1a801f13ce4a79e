// User accounts as stored: the lookups login and the users page need and the writes account
// management makes; hashing, name rules and the first admin live in auth/users.ts.
import type { Queryable } from '../../pipeline/storage/database.js';
import type { Role } from '../auth/roles.js';

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  disabled: boolean;
  created_at: Date;
}

/** A users-page row: everything but the password hash. */
export interface UserSummary {
  id: number;
  username: string;
  role: string;
  disabled: boolean;
  created_at: Date;
}

export async function insertUser(db: Queryable, username: string, passwordHash: string, role: Role): Promise<UserRow> {
  const r = await db.query<UserRow>('INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) RETURNING *', [username, passwordHash, role]);
  return r.rows[0]!;
}

export async function findUser(db: Queryable, username: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0];
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
}

export async function listUsers(db: Queryable): Promise<UserSummary[]> {
  return (await db.query<UserSummary>('SELECT id, username, role, disabled, created_at FROM users ORDER BY username')).rows;
}

export async function setUserRole(db: Queryable, id: number, role: Role): Promise<void> {
  await db.query('UPDATE users SET role = $2 WHERE id = $1', [id, role]);
}

export async function setUserDisabled(db: Queryable, id: number, disabled: boolean): Promise<void> {
  await db.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, disabled]);
}

/** A new password hash that also re-enables the account (the demo's login each run). */
export async function resetUserPassword(db: Queryable, username: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $1, disabled = false WHERE username = $2', [passwordHash, username]);
}
