// Log records: JSON with every key once for machines (a child's bindings and the call's fields
// used to repeat `source`), one pretty line in the configured zone's local time on a terminal.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, localTime } from '../../pipeline/app/logger.js';
import { loadConfig } from '../../pipeline/config/load.js';
import { ConfigError } from '../../core/errors.js';
import { repeatedKeys } from '../support/json-keys.js';

function sink(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; lines: () => string[] } {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    }),
    { isTTY },
  );
  return { stream, lines: () => text.split('\n').filter(Boolean) };
}

const flush = () => new Promise((r) => setTimeout(r, 20));

describe('log records', () => {
  it('the key checker finds a repeated key', () => {
    expect(repeatedKeys('{"a":1,"source":"x","b":{"source":1},"source":"x"}')).toEqual(['source']);
    expect(repeatedKeys('{"a":"{\\"a\\":1}","b":[{"a":1},{"a":2}]}')).toEqual([]);
  });

  it('when not on a terminal, writes JSON with each key once, even where a child binds the same key', async () => {
    const out = sink(false);
    const log = createLogger('certwatch', 'debug', { destination: out.stream });
    const child = log.child({ source: 'bbs', job: 'crawl:bbs:1' });
    child.info({ source: 'bbs', pages: 3 }, 'crawl finished');
    child.debug({ url: 'http://127.0.0.2/', source: 'bbs', kind: 'timeout' }, 'request failed');
    log.info({ pid: process.pid, queues: ['link'] }, 'worker ready');
    child.info({ source: 'qa' }, 'a different value is kept under another name');
    await flush();
    const lines = out.lines();
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(repeatedKeys(line), line).toEqual([]);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ source: 'bbs', job: 'crawl:bbs:1', pages: 3, msg: 'crawl finished' });
    expect(typeof first.time).toBe('number');
    expect(JSON.parse(lines[3]!)).toMatchObject({ source: 'bbs', source_2: 'qa' });
  });

  it('on a terminal, prints one line per record with the local time of the configured zone', async () => {
    const out = sink(true);
    const log = createLogger('certwatch', 'info', { destination: out.stream, timezone: 'Asia/Shanghai' });
    const before = Date.now();
    log.child({ source: 'bbs' }).warn({ url: 'http://127.0.0.2/x', err: 'socket hang up' }, 'page not stored');
    await flush();
    const lines = out.lines();
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    // Shanghai is UTC+8 all year: the printed clock is the UTC clock plus eight hours.
    const shown = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) WARN \(certwatch\): page not stored /.exec(line);
    expect(shown, line).not.toBeNull();
    const asUtc = Date.parse(`${shown![1]!.replace(' ', 'T')}Z`) - 8 * 3600_000;
    expect(Math.abs(asUtc - before)).toBeLessThan(5000);
    expect(line).toContain('"err":"socket hang up"');
    expect(line).not.toContain('"pid"');
  });

  it('formats times in other zones and refuses an unknown zone naming the key', () => {
    const t = Date.UTC(2026, 11, 3, 16, 30, 5);
    expect(localTime(t, 'Asia/Shanghai')).toBe('2026-12-04 00:30:05');
    expect(localTime(t, 'UTC')).toBe('2026-12-03 16:30:05');
    expect(loadConfig({ env: {} }).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ env: { CERTWATCH_TIMEZONE: 'Europe/Berlin' } }).timeZone).toBe('Europe/Berlin');
    let err: unknown;
    try {
      loadConfig({ env: { CERTWATCH_TIME_ZONE: 'Mars/Olympus' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('timeZone');
    expect((err as ConfigError).message).toContain('CERTWATCH_TIME_ZONE');
  });
});
