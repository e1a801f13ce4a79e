// The sandbox's ground truth holds: every planted post URL serves that seller's contacts
// (in text, XHR, image or QR), negatives carry no seller contact, days move posts in and out.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatten, probePost, showsContact } from '../../sandbox/evidence-probe.js';
import { findFreePort, type Sandbox, startSandbox } from '../../sandbox/index.js';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ port: await findFreePort(), seed: 7, quiet: true, rateLimit: 0 });
});
afterAll(async () => {
  await sb?.close();
});

describe('sandbox truth', () => {
  it('plants at least 30 sellers, with hard negatives at least as many as seller posts', () => {
    const t = sb.truth();
    expect(t.sellers.length).toBeGreaterThanOrEqual(30);
    const posts = t.sellers.reduce((n, s) => n + s.posts.length, 0);
    expect(t.negatives.length).toBeGreaterThanOrEqual(posts);
    expect(t.sellers.some((s) => !s.reachable)).toBe(true);
    expect(t.sellers.some((s) => s.personas.length > 1)).toBe(true);
    expect(t.xss.length).toBeGreaterThanOrEqual(3);
    for (const s of t.sellers) {
      for (const c of s.contacts) {
        if (c.kind === 'phone') expect(c.value).toMatch(/^1\d{10}$/);
        if (c.kind === 'wechat' || c.kind === 'qq' || c.kind === 'email') expect(c.value).toBe(c.value.toLowerCase());
        if (c.kind === 'url') expect(c.value).toMatch(/^127\.0\.0\.\d+:\d+$/);
      }
    }
  });

  it('serves every truth post with the seller contacts, and every seller contact somewhere', async () => {
    const t = sb.truth();
    const failures: string[] = [];
    const checkSeller = async (s: (typeof t.sellers)[number]) => {
      const found = new Set<string>();
      for (const url of s.posts) {
        const ev = await probePost(url);
        if (ev.status !== 200) {
          failures.push(`${s.id} ${url} → ${ev.status}`);
          continue;
        }
        if (/\{[a-z0-9]+\}/.test(ev.text)) failures.push(`${url} has an unfilled template slot`);
        const here = s.contacts.filter((c) => showsContact(ev, c));
        if (!here.length) failures.push(`${s.id} ${url} shows none of ${JSON.stringify(s.contacts)}`);
        here.forEach((c) => found.add(`${c.kind}:${c.value}`));
      }
      for (const c of s.contacts) if (!found.has(`${c.kind}:${c.value}`)) failures.push(`${s.id} contact ${c.kind}:${c.value} on no page`);
    };
    // A few sellers at a time: the sandbox serves concurrent clients, and the test stays short.
    const queue = [...t.sellers];
    await Promise.all(Array.from({ length: 6 }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) await checkSeller(s);
    }));
    expect(failures).toEqual([]);
  }, 60_000);

  it('uses pictures and obfuscation: some contacts only in QR codes or digit images', async () => {
    const t = sb.truth();
    let pictured = 0;
    let obfuscated = 0;
    for (const s of t.sellers.slice(0, 20)) {
      for (const url of s.posts) {
        const ev = await probePost(url);
        if (ev.pictures.some((p) => s.contacts.some((c) => flatten(p).includes(c.value)))) pictured++;
        if (s.contacts.some((c) => c.kind === 'phone' && !ev.text.includes(c.value) && showsContact({ text: ev.text, pictures: [] }, c))) obfuscated++;
      }
    }
    expect(pictured).toBeGreaterThan(0);
    expect(obfuscated).toBeGreaterThan(0);
  }, 30_000);

  it('hard negatives serve 200 and show no planted contact', async () => {
    const t = sb.truth();
    const contacts = t.sellers.flatMap((s) => s.contacts).filter((c) => c.kind !== 'url');
    const kinds = new Set(t.negatives.map((n) => n.kind));
    for (const k of ['news', 'gov', 'guide', 'school', 'job', 'invoice-spam', 'discussion']) expect(kinds).toContain(k);
    const sample = t.negatives.filter((_, i) => i % 9 === 0);
    for (const n of sample) {
      const ev = await probePost(n.url);
      expect(ev.status, n.url).toBe(200);
      expect(ev.text, n.url).not.toMatch(/\{[a-z0-9]+\}/);
      const leaked = contacts.filter((c) => showsContact(ev, c) && c.value.length >= 8);
      expect(leaked, n.url).toEqual([]);
    }
  }, 30_000);

  it('carries XSS payloads as escaped text, never as live markup', async () => {
    for (const url of sb.truth().xss) {
      const ev = await probePost(url);
      expect(ev.text).toMatch(/__sandboxXss=true/);
      const raw = await (await fetch(url)).arrayBuffer();
      const html = /\/thread-/.test(url) ? iconv.decode(Buffer.from(raw), 'gbk') : Buffer.from(raw).toString('utf8');
      expect(html).not.toMatch(/<script>window\.__sandboxXss/);
      expect(html).not.toMatch(/<img src=x onerror/);
    }
  });

  it('serves the forum in GBK bytes', async () => {
    const res = await fetch(`${sb.origins['bbs']}/forum.php`);
    expect(res.headers.get('content-type')).toMatch(/charset=gbk/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.includes(Buffer.from('论坛', 'utf8'))).toBe(false);
    expect(bytes.includes(iconv.encode('论坛', 'gbk'))).toBe(true);
    expect(iconv.decode(bytes, 'gbk')).toContain('电工交流');
  });

  it('moves days: new posts appear, vanished ones answer 404/410', async () => {
    const day0 = sb.truth();
    sb.setDay(6);
    const day6 = sb.truth();
    const urls0 = new Set(day0.sellers.flatMap((s) => s.posts));
    const urls6 = new Set(day6.sellers.flatMap((s) => s.posts));
    const born = [...urls6].filter((u) => !urls0.has(u));
    expect(born.length).toBeGreaterThan(0);
    expect(day6.vanished.length).toBeGreaterThan(0);
    for (const v of day6.vanished) {
      expect(urls6.has(v.url)).toBe(false);
      const res = await fetch(v.url, { redirect: 'manual' });
      expect([404, 410]).toContain(res.status);
    }
    for (const u of born.slice(0, 10)) expect((await probePost(u)).status).toBe(200);
    const admin = await fetch(`${sb.origins['portal']}/__admin/day`, { method: 'POST', body: JSON.stringify({ day: 0 }), headers: { 'content-type': 'application/json' } });
    expect(await admin.json()).toEqual({ day: 0 });
    expect(sb.truth().day).toBe(0);
    for (const u of born.slice(0, 5)) expect((await fetch(u, { redirect: 'manual' })).status).toBe(404);
  }, 30_000);
});
