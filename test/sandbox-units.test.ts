// Pure parts of the sandbox with exact expectations: the per-host token bucket, GBK
// encoding with numeric references, request hygiene, and contact obfuscation round trips.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PHONE_STYLES, renderContact, renderPhoneDigits } from '../sandbox/contacts.js';
import { flatten } from '../sandbox/evidence-probe.js';
import { RateLimiter } from '../sandbox/http/rate-limit.js';
import { encodeGbk } from '../sandbox/http/reply.js';
import { parseRequest } from '../sandbox/http/request.js';
import { Rng } from '../sandbox/random.js';

describe('sandbox pieces', () => {
  it('token bucket: burst of 60, then 30 per second', () => {
    const rl = new RateLimiter(30, 60);
    const t0 = Date.now();
    let ok = 0;
    for (let i = 0; i < 100; i++) if (rl.take(t0)) ok++;
    expect(ok).toBe(60);
    expect(rl.take(t0 + 10)).toBe(false);
    let later = 0;
    for (let i = 0; i < 100; i++) if (rl.take(t0 + 1000)) later++;
    expect(later).toBe(30);
    expect(new RateLimiter(0, 0).take()).toBe(true);
  });

  it('GBK encoding keeps Chinese as GBK bytes and writes what GBK lacks as &#N;', () => {
    const buf = encodeGbk('电工证 V❤ 1️⃣');
    expect(buf.includes(iconv.encode('电工证', 'gbk'))).toBe(true);
    const back = iconv.decode(buf, 'gbk');
    expect(back).toBe('电工证 V&#10084; 1&#65039;&#8419;');
    expect(encodeGbk('a?b').toString('latin1')).toBe('a?b');
  });

  it('rejects malformed request targets', () => {
    const parse = (url: string) => parseRequest({ url, method: 'GET', headers: {} } as never);
    expect(parse('/ok?x=1')).toMatchObject({ ok: true });
    expect(parse('/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(parse('/a/%2e%2e/b')).toMatchObject({ ok: false, status: 400 });
    expect(parse('*')).toMatchObject({ ok: false, status: 400 });
    expect(parse(`/${'a'.repeat(5000)}`)).toMatchObject({ ok: false, status: 414 });
    expect(parse('/x?q=%zz')).toMatchObject({ ok: false, status: 400 });
  });

  it('every phone obfuscation style flattens back to the 11 digits', () => {
    const rng = new Rng(1, 'units');
    for (const style of PHONE_STYLES) {
      const shown = renderPhoneDigits('13812345670', style, rng);
      expect(flatten(shown).replace(/[^0-9]/g, ''), style).toBe('13812345670');
    }
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) seen.add(renderContact({ kind: 'wechat', value: 'zs_8866' }, rng).replace(/zs_8866|ＺＳ＿８８６６|ZS_8866/, 'ID'));
    expect(seen.size).toBeGreaterThan(10);
  });
});

describe('sandbox posts as labelled texts (the web-listing check)', () => {
  it('holds every seller floor of every planted post as a seller ad, each filler kind as negatives, each text once', async () => {
    const { sandboxLabelledPosts } = await import('../sandbox/labelled-posts.js');
    const { World } = await import('../sandbox/world.js');
    const { sellerDoc } = await import('../sandbox/seller-text.js');
    const posts = sandboxLabelledPosts({ seeds: [7], scale: 1 });
    const world = new World(7, 1, 8000, 0);
    const sellerFloors = world.posts.filter((p) => p.site !== 'seller').flatMap((p) => sellerDoc(world, p).floors.filter((f) => f.seller).map((f) => f.text));
    const positives = posts.filter((p) => p.y === 1);
    expect(positives.length).toBe(sellerFloors.length);
    expect(new Set(positives.map((p) => p.text))).toEqual(new Set(sellerFloors));
    const kinds = new Set(posts.filter((p) => p.y === 0).map((p) => p.subtype.replace(/-reply$/, '')));
    expect([...kinds].sort()).toEqual(['discussion', 'gov', 'guide', 'invoice-spam', 'job', 'news', 'school']);
    const keys = posts.map((p) => `${p.title ?? ''}\n${p.text}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sandboxLabelledPosts({ seeds: [7], scale: 1 })).toEqual(posts);
  });
});
