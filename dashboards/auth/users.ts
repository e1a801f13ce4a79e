// User accounts: creation with a hashed password, the first admin from the
// environment at start, and the lookups login and the admin page need.
import type { Queryable } from '../../pipeline/storage/database.js';
import type { Logger } from '../../pipeline/app/logger.js';
import { hashPassword } from './password.js';
import { isRole, type Role } from './roles.js';

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  disabled: boolean;
  created_at: Date;
}

const USERNAME = /^[\p{L}\p{N}_.@-]{2,64}$/u;

export async function createUser(db: Queryable, username: string, password: string, role: Role): Promise<UserRow> {
  if (!USERNAME.test(username)) throw new Error('username must be 2–64 letters, digits or _ . @ -');
  if (!isRole(role)) throw new Error('unknown role');
  const hash = await hashPassword(password);
  const r = await db.query<UserRow>('INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) RETURNING *', [username, hash, role]);
  return r.rows[0]!;
}

export async function findUser(db: Queryable, username: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0];
}

/**
 * Creates the first admin from CERTWATCH_ADMIN_USER / CERTWATCH_ADMIN_PASSWORD when that
 * user does not exist yet. There is no default password: with neither set and no users,
 * the log says how to create one.
 */
export async function ensureFirstAdmin(db: Queryable, env: NodeJS.ProcessEnv, log: Logger): Promise<void> {
  const user = env.CERTWATCH_ADMIN_USER?.trim();
  const password = env.CERTWATCH_ADMIN_PASSWORD;
  if (user && password) {
    if (!(await findUser(db, user))) {
      await createUser(db, user, password, 'admin');
      log.info({ user }, 'dashboard: created admin user from CERTWATCH_ADMIN_USER');
    }
    return;
  }
  const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]!.n;
  if (n === 0) {
    log.warn(
      'dashboard: no users exist and no admin is configured — set CERTWATCH_ADMIN_USER and CERTWATCH_ADMIN_PASSWORD ' +
        '(at least 10 characters) and restart to create the first admin; nobody can log in until then',
    );
  }
}
