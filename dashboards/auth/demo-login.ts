// A one-time login for `certwatch demo`: there is no default password, so the demo makes
// a random one for a local `demo` admin each run and prints it beside the dashboard URL.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../pipeline/storage/database.js';
import { hashPassword } from './password.js';
import { findUser, resetUserPassword } from '../storage/users.js';
import { createUser } from './users.js';

export const DEMO_USER = 'demo';

/** Returns the credentials to print; resets the demo user's password so a re-run can log in. */
export async function makeDemoLogin(db: Queryable): Promise<{ user: string; password: string }> {
  const password = randomBytes(9).toString('base64url');
  if (await findUser(db, DEMO_USER)) {
    await resetUserPassword(db, DEMO_USER, await hashPassword(password));
  } else {
    await createUser(db, DEMO_USER, password, 'admin');
  }
  return { user: DEMO_USER, password };
}
