// User accounts: creation with a hashed password, changes from the users page, and the
// first admin from the environment at start; the rows themselves are storage/users.ts.
import type { Queryable } from '../../pipeline/storage/database.js';
import type { Logger } from '../../pipeline/app/logger.js';
import { deleteUserSessions } from '../storage/sessions.js';
import { countUsers, findUser, insertUser, setUserDisabled, setUserRole, type UserRow } from '../storage/users.js';
import { hashPassword } from './password.js';
import { isRole, type Role } from './roles.js';

const USERNAME = /^[\p{L}\p{N}_.@-]{2,64}$/u;

export async function createUser(db: Queryable, username: string, password: string, role: Role): Promise<UserRow> {
  if (!USERNAME.test(username)) throw new Error('username must be 2–64 letters, digits or _ . @ -');
  if (!isRole(role)) throw new Error('unknown role');
  const hash = await hashPassword(password);
  return insertUser(db, username, hash, role);
}

/** A role or enabled change from the users page; disabling also ends the user's sessions at once. */
export async function updateUser(db: Queryable, id: number, change: { role?: Role; disabled?: boolean }): Promise<void> {
  if (change.role) await setUserRole(db, id, change.role);
  if (change.disabled !== undefined) {
    await setUserDisabled(db, id, change.disabled);
    if (change.disabled) await deleteUserSessions(db, id);
  }
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
  if ((await countUsers(db)) === 0) {
    log.warn(
      'dashboard: no users exist and no admin is configured — set CERTWATCH_ADMIN_USER and CERTWATCH_ADMIN_PASSWORD ' +
        '(at least 10 characters) and restart to create the first admin; nobody can log in until then',
    );
  }
}
