// The sandbox changes every day after its planted week: items edited in place, deleted, sellers'
// new posts, rotated contacts — and the truth's `today` says exactly what changed, page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePost, showsContact } from '../../sandbox/evidence-probe.js';
import { findFreePort, type Sandbox, startSandbox } from '../../sandbox/index.js';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: await findFreePort(), seed: 3, scale: 2, quiet: true, rateLimit: 0 });
});
afterAll(async () => {
  await sb?.close();
});

async function body(url: string): Promise<{ status: number; text: string }> {
  // A Tieba thread page is a shell: its floors come from the thread API.
  const tieba = /^(http:\/\/[^/]+)\/p\/(\d+)$/.exec(url);
  const res = await fetch(tieba ? `${tieba[1]}/api/thread?tid=${tieba[2]}&pn=1` : url, { redirect: 'manual' });
  return { status: res.status, text: Buffer.from(await res.arrayBuffer()).toString('latin1') };
}

describe('sandbox daily changes', () => {
  it('on a later day edits, deletes and adds items, and says which', async () => {
    const day = 12;
    sb.setDay(day);
    const today = sb.truth().today;
    expect(today.edited.length).toBeGreaterThan(0);
    expect(today.vanished.length).toBeGreaterThan(0);
    expect(today.born.length).toBeGreaterThan(0);
    const after = new Map<string, { status: number; text: string }>();
    for (const u of [...today.edited, ...today.vanished.slice(0, 10), ...today.born.slice(0, 10)]) after.set(u, await body(u));
    sb.setDay(day - 1);
    for (const u of today.edited) {
      const before = await body(u);
      expect(before.status, u).toBe(200);
      expect(after.get(u)!.status, u).toBe(200);
      expect(after.get(u)!.text, `${u} changed`).not.toBe(before.text);
    }
    for (const u of today.vanished.slice(0, 10)) {
      expect((await body(u)).status, u).toBe(200);
      expect([404, 410], u).toContain(after.get(u)!.status);
    }
    for (const u of today.born.slice(0, 10)) {
      expect((await body(u)).status, u).toBe(404);
      expect(after.get(u)!.status, u).toBe(200);
    }
    // An item neither edited nor deleted today serves the same bytes as yesterday.
    const changed = new Set([...today.edited, ...today.vanished, ...today.born]);
    sb.setDay(day);
    const steady = sb.truth().negatives.map((n) => n.url).filter((u) => !changed.has(u)).slice(0, 20);
    const now = await Promise.all(steady.map(body));
    sb.setDay(day - 1);
    const then = await Promise.all(steady.map(body));
    steady.forEach((u, i) => expect(now[i]!.text, u).toBe(then[i]!.text));
  }, 60_000);

  it('keeps days 0–6 to the planted plan: nothing rotates or is deleted by the churn', () => {
    for (let d = 0; d <= 6; d++) {
      sb.setDay(d);
      const t = sb.truth();
      expect(t.today.rotated).toEqual([]);
      const planned = new Set(t.vanished.map((v) => v.url));
      for (const u of t.today.vanished) expect(planned.has(u), u).toBe(true);
    }
  });

  it('shows a seller\'s rotated contact in the posts it puts up after the rotation', async () => {
    let found: { url: string; value: string; kind: 'phone' | 'wechat' } | undefined;
    for (let d = 7; d <= 40 && !found; d++) {
      sb.setDay(d);
      const t = sb.truth();
      for (const r of t.today.rotated) {
        // The new contact is new: no post showed it the day before.
        sb.setDay(d - 1);
        expect(sb.truth().sellers.some((s) => s.contacts.some((c) => c.value === r.value))).toBe(false);
        for (let later = d; later <= d + 10 && !found; later++) {
          sb.setDay(later);
          const s = sb.truth().sellers.find((x) => x.id === r.sellerId);
          if (!s?.contacts.some((c) => c.kind === r.kind && c.value === r.value)) continue;
          // Find the post that shows it: one of the seller's posts born on or after the rotation.
          for (const url of s.posts) {
            const ev = await probePost(url);
            if (ev.status === 200 && showsContact(ev, { kind: r.kind as 'phone' | 'wechat', value: r.value })) {
              found = { url, value: r.value, kind: r.kind as 'phone' | 'wechat' };
              break;
            }
          }
        }
        if (found) break;
        sb.setDay(d);
      }
    }
    expect(found, 'a post showing a rotated contact').toBeDefined();
  }, 120_000);
});
