// Source config loading: YAML + ${VAR} interpolation + zod validation; every bad
// file must fail with a ConfigError naming the source, the key path and the reason.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { loadSources, seedUrls } from '../../crawlers/sources/load.js';

const dir = mkdtempSync(join(tmpdir(), 'certwatch-sources-'));
let n = 0;
function file(text: string): string {
  const path = join(dir, `s${n++}.yaml`);
  writeFileSync(path, text);
  return path;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSources', () => {
  it('reads sources with defaults, interpolation and search expansion', () => {
    const path = file(`
sources:
  - id: forum
    name: A forum
    seeds: ["http://127.0.0.2:\${PORT}/forum.php"]
    rate: \${RATE:-2.5}
    enabled: \${ENABLED:-true}
  - id: engine
    name: Search
    search:
      templates: ["http://127.0.0.5:\${PORT}/s?q={query}&page=1"]
      queries: [电工证, 焊工 证]
    render: browser
    schedule: "*/15 * * * *"
`);
    const sources = loadSources(path, { PORT: '8123' });
    expect(sources.map((s) => s.id)).toEqual(['forum', 'engine']);
    const [forum, engine] = sources;
    expect(forum!.seeds).toEqual(['http://127.0.0.2:8123/forum.php']);
    expect(forum!.rate).toBe(2.5);
    expect(forum!.enabled).toBe(true);
    expect(forum!.maxDepth).toBe(3);
    expect(forum!.render).toBe('http');
    expect(engine!.render).toBe('browser');
    expect(seedUrls(engine!)).toEqual([
      'http://127.0.0.5:8123/s?q=%E7%94%B5%E5%B7%A5%E8%AF%81&page=1',
      'http://127.0.0.5:8123/s?q=%E7%84%8A%E5%B7%A5%20%E8%AF%81&page=1',
    ]);
  });

  it('names the source and key of a missing variable', () => {
    const path = file(`sources:\n  - id: forum\n    name: F\n    seeds: ["http://h:\${NOPE}/"]\n`);
    const err = configError(() => loadSources(path, {}));
    expect(err.field).toBe('sources[0].seeds[0]');
    expect(err.message).toContain('source "forum"');
    expect(err.message).toContain('NOPE');
  });

  it.each([
    ['a wrong type', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    rate: fast\n`, 'sources[0].rate', /number/i],
    ['an unknown key', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    maxDeph: 3\n`, 'sources[0]', /unknown key.*maxDeph/],
    ['a bad regex', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    include: ["/([a-/"]\n`, 'sources[0].include[0]', /bad pattern/],
    ['a relative seed', `  - id: forum\n    name: F\n    seeds: ["/forum.php"]\n`, 'sources[0].seeds[0]', /absolute/],
    ['a bad cron', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    schedule: "every hour"\n`, 'sources[0].schedule', /cron/],
    ['a bad render', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    render: curl\n`, 'sources[0].render', /http|browser/],
    ['no seeds', `  - id: forum\n    name: F\n`, 'sources[0].seeds', /seeds or search/],
    ['an out-of-range cron', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    schedule: "99 99 99 99 99"\n`, 'sources[0].schedule', /cron.*0-59/],
    ['minute 61 in a cron', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    schedule: "61 */4 * * *"\n`, 'sources[0].schedule', /cron.*61/],
    ['an impossible cron date', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    schedule: "0 0 31 2 *"\n`, 'sources[0].schedule', /cron/],
    ['an unclosed attribute selector', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    selectors: { post: "div[" }\n`, 'sources[0].selectors.post', /CSS selector/],
    ['an empty pseudo-element', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    selectors: { body: "a::" }\n`, 'sources[0].selectors.body', /CSS selector/],
    ['an unknown pseudo-class', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    selectors: { title: "h1:titel" }\n`, 'sources[0].selectors.title', /CSS selector.*titel/],
    ['a bad reveal selector', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    reveal: [{ name: phone, match: "*", selector: "a[data-tel", attr: data-tel }]\n`, 'sources[0].reveal[0].selector', /CSS selector/],
    ['a javascript: reveal URL', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    reveal: [{ name: phone, match: "*", url: "javascript:alert(1)" }]\n`, 'sources[0].reveal[0].url', /http\(s\).*javascript:/],
    ['a file: reveal URL', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    reveal: [{ name: phone, match: "*", url: "file:///etc/passwd?{1}" }]\n`, 'sources[0].reveal[0].url', /http\(s\).*file:/],
    ['an ftp search template', `  - id: forum\n    name: F\n    search: { templates: ["ftp://h/s?q={query}"], queries: [a] }\n`, 'sources[0].search.templates[0]', /http\(s\)/],
    ['a reveal rule without a target', `  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    reveal: [{ name: phone, match: "*" }]\n`, 'sources[0].reveal[0]', /selector\+attr or url/],
  ])('rejects %s with the key path', (_label, body, field, reason) => {
    const err = configError(() => loadSources(file(`sources:\n${body}`), {}));
    expect(err.field).toBe(field);
    expect(err.message).toContain('source "forum"');
    expect(err.message).toMatch(reason);
  });

  it('accepts good schedules, selectors and reveal URLs', () => {
    const ok = `sources:\n  - id: forum\n    name: F\n    seeds: ["http://h/"]\n    schedule: "0 */4 * * 1-5"\n    selectors: { post: "div.t_f, td[id^=postmessage_]", time: "em:first", body: ".pct > p:has(a)" }\n    reveal:\n      - { name: phone, match: "*", url: "/api/phone?tid={q:tid}" }\n      - { name: json, match: "*", url: "HTTPS://api.h/thread/{1}" }\n  - id: six\n    name: S\n    seeds: ["http://h/"]\n    schedule: "30 0 3 * * *"\n`;
    const [forum, six] = loadSources(file(ok), {});
    expect(forum!.schedule).toBe('0 */4 * * 1-5');
    expect(forum!.reveal.map((r) => r.url)).toEqual(['/api/phone?tid={q:tid}', 'HTTPS://api.h/thread/{1}']);
    expect(six!.schedule).toBe('30 0 3 * * *');
  });

  it('rejects duplicate ids, invalid YAML, a missing file and an empty list', () => {
    const dup = `sources:\n  - {id: a, name: A, seeds: ["http://h/"]}\n  - {id: a, name: B, seeds: ["http://h/"]}\n`;
    expect(configError(() => loadSources(file(dup), {})).message).toMatch(/duplicate id/);
    expect(configError(() => loadSources(file('sources: [\n  - id: ['), {})).message).toMatch(/invalid YAML/);
    expect(configError(() => loadSources(join(dir, 'missing.yaml'), {})).message).toMatch(/cannot read/);
    expect(configError(() => loadSources(file('sources: []\n'), {})).message).toMatch(/at least one/);
  });

  it('ships a sandbox config covering every sandbox site and a valid example', () => {
    const sandbox = loadSources(new URL('../../sandbox/sources.yaml', import.meta.url).pathname, { CERTWATCH_SANDBOX_PORT: '8901' });
    const hosts = new Set(sandbox.flatMap((s) => seedUrls(s)).map((u) => new URL(u).hostname));
    for (let i = 1; i <= 9; i++) expect(hosts).toContain(`127.0.0.${i}`);
    expect(sandbox.every((s) => seedUrls(s).every((u) => new URL(u).port === '8901'))).toBe(true);
    // Seller sites (127.0.0.10+) are reached from the portal by the include pattern.
    expect(sandbox.find((s) => s.id === 'sellers')!.include.length).toBeGreaterThan(0);
    const example = loadSources(new URL('../../crawlers/sources/example.yaml', import.meta.url).pathname, {});
    expect(example.length).toBeGreaterThanOrEqual(3);
    expect(example.find((s) => s.id === 'example-search')!.enabled).toBe(false);
  });
});
