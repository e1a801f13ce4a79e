// The sandbox behaves like the hostile web it stands in for: deterministic per seed,
// robots areas and traps as designed, 429/503/redirects/huge pages, and garbage requests
// answered with 4xx while the server keeps serving.
import { request } from 'node:http';
import { connect } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, type Sandbox, startSandbox } from '../../sandbox/index.js';

let sb: Sandbox;
let port: number;

beforeAll(async () => {
  port = await findFreePort();
  sb = await startSandbox({ port, seed: 3, quiet: true, rateLimit: 0 });
});
afterAll(async () => {
  await sb?.close();
});

async function bytes(url: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
  for (let i = 0; ; i++) {
    // A restarted sandbox leaves the client's pooled keep-alive sockets dead: retry once.
    const res = await fetch(url, { redirect: 'manual' }).catch(() => fetch(url, { redirect: 'manual' }));
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status === 503 && i < 4) continue;
    return { status: res.status, body, headers: res.headers };
  }
}

/** Sends raw bytes and returns the status line's code (0 if the socket closed without one). */
function raw(host: string, payload: string): Promise<number> {
  return new Promise((resolve) => {
    const sock = connect(port, host);
    let data = '';
    sock.on('data', (d) => (data += d.toString('latin1')));
    sock.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    sock.on('error', () => resolve(0));
    sock.write(payload);
    setTimeout(() => sock.end(), 300);
  });
}

function samplePages(s: Sandbox): string[] {
  const t = s.truth();
  const o = s.origins;
  return [
    `${o['portal']}/`, `${o['bbs']}/forum.php`, `${o['bbs']}/forum.php?mod=forumdisplay&fid=2&page=2`, `${o['tieba']}/f?kw=${encodeURIComponent('电工证')}`,
    `${o['classifieds']}/zhengshu/pn2/`, `${o['search']}/s?q=${encodeURIComponent('焊工证')}&page=3`, `${o['qa']}/`, `${o['news']}/calendar/2031-07.html`,
    `${o['seller-1']}/price.html`, `${o['seller-2']}/cx/query?no=T123`,
    ...t.sellers.flatMap((x) => x.posts).filter((_, i) => i % 5 === 0),
    ...t.negatives.filter((_, i) => i % 11 === 0).map((n) => n.url),
  ];
}

describe('sandbox web', () => {
  it('is deterministic: same seed and port give identical truth and page bytes', async () => {
    const truthA = JSON.stringify(sb.truth());
    const pages = samplePages(sb);
    const a = await Promise.all(pages.map(async (u) => (await bytes(u)).body.toString('base64')));
    await sb.close();
    sb = await startSandbox({ port, seed: 3, quiet: true, rateLimit: 0 });
    expect(JSON.stringify(sb.truth())).toBe(truthA);
    const b = await Promise.all(pages.map(async (u) => (await bytes(u)).body.toString('base64')));
    expect(b).toEqual(a);
    const other = await startSandbox({ port: await findFreePort(), seed: 4, quiet: true, rateLimit: 0 });
    const t4 = other.truth();
    await other.close();
    expect(t4.sellers.map((s) => s.contacts)).not.toEqual(sb.truth().sellers.map((s) => s.contacts));
  }, 30_000);

  it('robots.txt disallows the areas holding unreachable sellers', async () => {
    const t = sb.truth();
    const unreachable = t.sellers.filter((s) => !s.reachable);
    expect(unreachable.length).toBeGreaterThanOrEqual(2);
    for (const s of unreachable) for (const p of s.posts) expect(t.forbidden.some((f) => p.startsWith(f)), p).toBe(true);
    for (const s of t.sellers.filter((x) => x.reachable)) expect(s.posts.some((p) => !t.forbidden.some((f) => p.startsWith(f)))).toBe(true);
    for (const prefix of t.forbidden) {
      const u = new URL(prefix);
      const robots = (await bytes(`${u.origin}/robots.txt`)).body.toString();
      expect(robots).toContain(`Disallow: ${u.pathname}`);
    }
    // The forbidden area is linked from allowed pages, so only robots keeps a crawler out.
    const list = (await bytes(`${sb.origins['classifieds']}/zhengshu/`)).body.toString();
    const vipPost = t.sellers.flatMap((s) => s.posts).find((p) => p.includes('/vip/'));
    expect(vipPost).toBeDefined();
    expect(list + (await bytes(`${sb.origins['classifieds']}/peixun/`)).body.toString() + (await bytes(`${sb.origins['classifieds']}/fuwu/`)).body.toString()).toContain('/vip/');
  });

  it('has an infinite calendar trap and a bounded redirect loop', async () => {
    let url = `${sb.origins['news']}/calendar/2026-11.html`;
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const page = await bytes(url);
      expect(page.status).toBe(200);
      const next = /class="next" href="([^"]+)"/.exec(page.body.toString())![1]!;
      url = new URL(next, url).href;
      expect(seen.has(url)).toBe(false);
      seen.add(url);
    }
    expect(url).toContain('/calendar/2031-11.html');
    const a = await bytes(`${sb.origins['classifieds']}/loop/a`);
    const b = await bytes(`${sb.origins['classifieds']}/loop/b`);
    expect([a.status, a.headers.get('location'), b.status, b.headers.get('location')]).toEqual([302, '/loop/b', 302, '/loop/a']);
    const t = sb.truth();
    expect(t.traps.find((x) => x.kind === 'calendar')?.infinite).toBe(true);
  });

  it('serves redirect chains, canonical duplicates, 404s, binaries, a >5 MB page and a wrong charset', async () => {
    const o = sb.origins;
    const n = 10001;
    const c1 = await bytes(`${o['news']}/a/${n}`);
    expect([c1.status, c1.headers.get('location')]).toEqual([301, `/article/${n}`]);
    const c2 = await bytes(`${o['news']}/article/${n}`);
    expect([c2.status, c2.headers.get('location')]).toEqual([301, `/article/${n}.html`]);
    const ad = sb.truth().negatives.find((x) => x.url.includes('/zhengshu/'))!.url;
    const dup = await bytes(`${ad}?from=list&spm=a2c1.2`);
    expect(dup.body.toString()).toContain(`<link rel="canonical" href="${ad}">`);
    expect((await bytes(`${o['qa']}/no/such/page`)).status).toBe(404);
    expect((await bytes(`${o['bbs']}/thread-999999999-1-1.html`)).status).toBe(404);
    const pdf = await bytes(`${o['news']}/files/zhuanxiang-zhengzhi.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const big = await bytes(`${o['news']}/archive/all.html`);
    expect(big.body.length).toBeGreaterThan(5 * 1024 * 1024);
    const wrong = await bytes(`${o['school']}/old/notice.html`);
    expect(wrong.body.toString()).toContain('charset=gb2312');
    expect(wrong.body.toString('utf8')).toContain('复审培训');
    expect(iconv.decode(wrong.body, 'gbk')).not.toContain('复审培训');
  });

  it('answers some news articles slowly (1–2.5 s)', async () => {
    const articles = sb.truth().negatives.filter((x) => x.url.startsWith(`${sb.origins['news']}/article/`)).map((x) => x.url);
    const times = await Promise.all(articles.map(async (u) => {
      const t0 = performance.now();
      await (await fetch(u)).arrayBuffer();
      return performance.now() - t0;
    }));
    expect(Math.max(...times)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...times)).toBeLessThan(10_000);
  });

  it('answers some job pages 503 with Retry-After before they recover', async () => {
    const jobs = sb.truth().negatives.filter((x) => x.url.startsWith(sb.origins['jobs']!)).map((x) => x.url);
    let flaky = 0;
    for (const u of jobs) {
      const first = await fetch(u);
      await first.arrayBuffer();
      if (first.status !== 503) continue;
      flaky++;
      expect(first.headers.get('retry-after')).toBe('1');
      const second = await fetch(u);
      await second.arrayBuffer();
      const third = await fetch(u);
      expect(second.status).toBe(503);
      expect(third.status).toBe(200);
      await third.arrayBuffer();
    }
    expect(flaky).toBeGreaterThan(0);
  });

  it('throttles a host hit faster than it allows with 429 and Retry-After, per host', async () => {
    // A low limit (5/s, burst 10) so the burst exceeds it even on a loaded machine.
    const limited = await startSandbox({ port: await findFreePort(), seed: 3, quiet: true, rateLimit: 5 });
    try {
      const results = await Promise.all(Array.from({ length: 80 }, () => fetch(`${limited.origins['qa']}/robots.txt`).then(async (r) => ({ s: r.status, ra: r.headers.get('retry-after'), b: await r.text() }))));
      const throttled = results.filter((r) => r.s === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(results.filter((r) => r.s === 200).length).toBeGreaterThanOrEqual(10);
      expect(throttled.every((r) => r.ra === '1')).toBe(true);
      expect((await fetch(`${limited.origins['news']}/robots.txt`)).status).toBe(200);
    } finally {
      await limited.close();
    }
    // At the default limit (30/s, burst 60) a polite client at 20 req/s is never throttled.
    const polite = await startSandbox({ port: await findFreePort(), seed: 3, quiet: true });
    try {
      for (let i = 0; i < 40; i++) {
        const r = await fetch(`${polite.origins['qa']}/robots.txt`);
        await r.text();
        expect(r.status).toBe(200);
        await new Promise((res) => setTimeout(res, 50));
      }
    } finally {
      await polite.close();
    }
  });

  it('answers garbage with 4xx and keeps serving', async () => {
    const host = '127.0.0.2';
    const statusOf = (method: string, path: string) =>
      new Promise<number>((resolve) => {
        const req = request({ host, port, method, path }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve(0));
        req.end();
      });
    expect(await statusOf('DELETE', '/forum.php')).toBe(405);
    expect(await statusOf('PUT', '/')).toBe(405);
    expect(await statusOf('POST', '/forum.php')).toBe(405);
    expect(await statusOf('GET', '/%E0%A4%A')).toBe(400);
    expect(await statusOf('GET', '/forum.php?q=%zz')).toBe(400);
    expect(await statusOf('GET', '/a/%2e%2e/%2e%2e/etc/passwd')).toBe(400);
    expect(await statusOf('GET', '/../../etc/passwd')).toBeGreaterThanOrEqual(400);
    expect(await statusOf('GET', `/${'x'.repeat(5000)}`)).toBe(414);
    expect(await statusOf('GET', '/thread-99999999999999999999-1-1.html')).toBe(404);
    expect(await statusOf('GET', '/forum.php?mod=forumdisplay&fid=2&page=-1')).toBe(404);
    expect(await statusOf('GET', '/forum.php?mod=viewthread&tid=abc')).toBe(404);
    expect(await statusOf('GET', '/%00')).toBe(400);
    expect(await raw(host, 'GARBAGE\r\n\r\n')).toBe(400);
    expect(await raw(host, 'GET / HTTP/1.1\r\nHost: x\r\nX: ' + 'a'.repeat(20000) + '\r\n\r\n')).toBe(431);
    expect(await raw(host, '\x00\x01\x02\x03\r\n\r\n')).toBe(400);
    expect(await raw('127.0.0.5', 'GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n')).toBe(400);
    expect(await statusOf('GET', `/s?q=${'%E7%94%B5'.repeat(300)}`)).toBeLessThan(500);
    const still = await bytes(`${sb.origins['bbs']}/forum.php`);
    expect(still.status).toBe(200);
  });

  it('writes an access log line per request', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = `${mkdtempSync(`${tmpdir()}/sb-`)}/access.jsonl`;
    const logged = await startSandbox({ port: await findFreePort(), seed: 3, quiet: true, accessLog: file });
    await (await fetch(`${logged.origins['bbs']}/robots.txt`, { headers: { 'user-agent': 'certwatch-test' } })).text();
    await (await fetch(`${logged.origins['qa']}/nope`)).text();
    await logged.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ host: `127.0.0.2:${logged.port}`, method: 'GET', path: '/robots.txt', status: 200, ua: 'certwatch-test' });
    expect(lines[1]).toMatchObject({ path: '/nope', status: 404 });
    expect(typeof lines[0]!['time']).toBe('string');
  });
});
