// The demo's one-time login: a fresh random password each run that really logs in,
// and never a fixed default.
import { afterAll, describe, expect, it } from 'vitest';
import { makeDemoLogin } from '../../dashboards/auth/demo-login.js';
import { verifyPassword } from '../../dashboards/auth/password.js';
import { findUser } from '../../dashboards/storage/users.js';
import { testDatabase, type TestDatabase } from '../support/services.js';

let t: TestDatabase;
afterAll(async () => t?.drop());

describe('demo login', () => {
  it('creates a demo admin with a random password, and resets it on the next run', async () => {
    t = await testDatabase('postgres');
    const first = await makeDemoLogin(t.db);
    const second = await makeDemoLogin(t.db);
    expect(first.password).not.toBe(second.password);
    expect(first.password.length).toBeGreaterThanOrEqual(10);
    const user = await findUser(t.db, 'demo');
    expect(user?.role).toBe('admin');
    expect(await verifyPassword(second.password, user!.password_hash)).toBe(true);
    expect(await verifyPassword(first.password, user!.password_hash)).toBe(false);
  });
});
