// Pure parts of the dashboard's safety: the escaping template, link filtering,
// highlight (escape every piece, mark only ours), formula-safe cells, scrypt
// hashes, the login limiter and the referral state machine.
import { describe, expect, it } from 'vitest';
import { html, safeHref } from '../../dashboards/html/escape.js';
import { highlightText } from '../../dashboards/html/highlight.js';
import { MAX_CELL_CHARS, safeXlsxCell } from '../../pipeline/leads/safe-cell.js';
import { hashPassword, verifyPassword } from '../../dashboards/auth/password.js';
import { LoginRateLimiter } from '../../dashboards/auth/login-rate-limit.js';
import { allowedMove, nextStatuses } from '../../dashboards/workflow/status-flow.js';
import { XSS_ATTR, XSS_IMG, XSS_SCRIPT } from './support/demo-data.js';

describe('html template', () => {
  it('escapes interpolated values, nested arrays included, but not nested templates', () => {
    const out = html`<p title="${XSS_ATTR}">${[XSS_SCRIPT, html`<b>${XSS_IMG}</b>`]}</p>`.value;
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;svg onload=window.__sandboxXss=true&gt;">&lt;script&gt;window.__sandboxXss=true&lt;/script&gt;<b>&lt;img src=x onerror=&quot;window.__sandboxXss=true&quot;&gt;</b></p>',
    );
  });

  it('keeps only http(s) links', () => {
    expect(safeHref('javascript:window.__sandboxXss=true')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('  not a url')).toBeNull();
    expect(safeHref('http://127.0.0.2:8900/thread-1-1-1.html')).toBe('http://127.0.0.2:8900/thread-1-1-1.html');
  });
});

describe('highlight', () => {
  it('marks cues and contacts written with separators, and escapes everything else', () => {
    const text = `不用考试${XSS_SCRIPT}电话 138-1234 5678 加微信 DGZ_wang888 &amp;`;
    const out = highlightText(text, [{ kind: 'phone', value: '13812345678' }, { kind: 'wechat', value: 'dgz_wang888' }]).value;
    expect(out).toContain('<mark class="cue">不用考试</mark>');
    expect(out).toContain('<mark class="contact">138-1234 5678</mark>');
    expect(out).toContain('<mark class="contact">DGZ_wang888</mark>');
    expect(out).toContain('&lt;script&gt;window.__sandboxXss=true&lt;/script&gt;');
    expect(out).toContain('&amp;amp;');
    expect(out.replace(/<\/?mark( class="(cue|contact)")?>/g, '')).not.toMatch(/[<>]/);
  });

  it('marks the classifier lexicon\'s sale patterns as cues', () => {
    const out = highlightText('焊工证免考，一次通过，可先查', [], { cues: [], patterns: [/免考|一次性?通过/, /可查/] }).value;
    expect(out).toBe('焊工证<mark class="cue">免考</mark>，<mark class="cue">一次通过</mark>，可先查');
  });

  it('treats a contact id made of markup as text', () => {
    const out = highlightText(`微信 ${XSS_ATTR}`, [{ kind: 'wechat', value: XSS_ATTR }]).value;
    expect(out).toBe('微信 <mark class="contact">&quot;&gt;&lt;svg onload=window.__sandboxXss=true&gt;</mark>');
  });
});

describe('spreadsheet cells', () => {
  it('prefixes values that a spreadsheet would evaluate', () => {
    for (const v of ['=1+1', '+cmd|calc!A1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(safeXlsxCell(v)).toBe(`'${v}`);
    expect(safeXlsxCell('电工证 =1')).toBe('电工证 =1');
    expect(safeXlsxCell(0.97)).toBe(0.97);
    expect(safeXlsxCell('a\u0000b')).toBe('ab');
  });

  it('is the pipeline lead list\'s rule: full-width formula starts, DEL, blanks, dates and Excel\'s cell limit', () => {
    for (const v of ['＝HYPERLINK("http://evil")', '＋1', '－1', '＠SUM(A1)']) expect(safeXlsxCell(v)).toBe(`'${v}`);
    expect(safeXlsxCell('a\u007fb')).toBe('ab');
    expect(safeXlsxCell(null)).toBeNull();
    const at = new Date('2026-11-27T00:00:00Z');
    expect(safeXlsxCell(at)).toBe(at);
    expect(safeXlsxCell(`=${'x'.repeat(40_000)}`)).toHaveLength(MAX_CELL_CHARS + 1);
  });
});

describe('passwords and login throttling', () => {
  it('hashes with scrypt, salted, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterz', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    await expect(hashPassword('short')).rejects.toThrow(/at least 10/);
  });

  it('blocks a username after its failures, an address after a larger budget, and forgets after the window', async () => {
    const l = new LoginRateLimiter({ maxFailures: 3, windowMs: 1000, maxFailuresPerAddress: 5 });
    for (let i = 0; i < 3; i++) await l.fail('10.0.0.1', 'alice', 0);
    expect(await l.blocked('10.0.0.2', 'alice', 10)).toBe(true);
    expect(await l.blocked('10.0.0.1', 'bob', 10)).toBe(false);
    await l.fail('10.0.0.1', 'carol', 20);
    await l.fail('10.0.0.1', 'dave', 20);
    expect(await l.blocked('10.0.0.1', 'erin', 30)).toBe(true);
    expect(await l.blocked('10.0.0.1', 'alice', 2000)).toBe(false);
  });
});

describe('referral flow', () => {
  it('allows new → in_review → confirmed → referred → closed, with referral and closing for supervisors', () => {
    expect(allowedMove('new', 'in_review')).toBe('analyst');
    expect(allowedMove('in_review', 'confirmed')).toBe('analyst');
    expect(allowedMove('confirmed', 'referred')).toBe('supervisor');
    expect(allowedMove('referred', 'closed')).toBe('supervisor');
    expect(allowedMove('new', 'referred')).toBeUndefined();
    expect(allowedMove('closed', 'confirmed')).toBeUndefined();
    expect(nextStatuses('referred')).toEqual(['closed']);
  });
});
