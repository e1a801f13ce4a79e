// The fake-verification-site check on pages as the crawler reads them: clones of the official query
// platform in every sandbox look are recognised; the official platform itself, government portals,
// pages that forward to the platform and ordinary forum pages never are.
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../crawlers/extract/index.js';
import { readQueryPage } from '../../crawlers/extract/query-page.js';
import { OfficialHosts } from '../../pipeline/verification/official-hosts.js';
import { recogniseClone } from '../../pipeline/verification/recognise-clone.js';
import { citedSites } from '../../pipeline/ingest/cited-sites.js';
import { ContactFilter } from '../../pipeline/ingest/contact-filter.js';
import { verificationSite } from '../../sandbox/sites/verification-site.js';
import { World } from '../../sandbox/world.js';

const official = new OfficialHosts(['zwfw.example-province.org']);

function judge(html: string, url: string) {
  const signals = readQueryPage(parseHtml(html), url);
  return signals ? recogniseClone(signals, url, official) : undefined;
}

const CLONE = `<html><head><title>特种作业操作证及安全生产知识和管理能力考核合格信息查询</title></head><body>
<div class="header">中华人民共和国应急管理部</div><form action="/query"><label for="a">证件号码</label><input id="a" name="no"><label for="b">姓名</label><input id="b" name="name"></form></body></html>`;

async function sandboxPage(look: string, path: string, query = ''): Promise<string> {
  const world = new World(1, 1, 8900, 0);
  const plan = world.verificationSites.find((v) => v.look === look)!;
  const reply = await verificationSite(world, plan).handle({ method: 'GET', path, query: new URLSearchParams(query), headers: {}, body: '' } as never);
  return String(reply.body);
}

describe('recognising clones of the official query platform', () => {
  it('flags the same page on any other host, as a form or as a confirming result', () => {
    expect(judge(CLONE, 'http://cx-mem-gov.cn.example.top/')).toMatchObject({ clone: true, look: 'form' });
    const result = `<html><head><title>查询结果</title></head><body><h1>特种作业操作证查询中心</h1><p>查询成功，该证书真实有效</p>
<table><tr><td>作业类别</td><td>低压电工作业</td></tr><tr><td>发证机关</td><td>应急管理局</td></tr><tr><td>有效期</td><td>2031</td></tr></table></body></html>`;
    expect(judge(result, 'http://127.0.0.9:80/v?no=T1')).toMatchObject({ clone: true, look: 'result' });
  });

  it('never flags the official platform, government portals or configured official hosts, whatever they show', () => {
    for (const url of ['http://cx.mem.gov.cn/', 'https://www.cx.mem.gov.cn/q', 'http://cx.saws.org.cn/', 'http://yjt.hunan.gov.cn/tzzy/cx', 'http://zwfw.example-province.org/cx']) {
      expect(judge(CLONE, url)?.clone, url).toBe(false);
    }
    // A look-alike domain is not the official one.
    expect(judge(CLONE, 'http://cx.mem.gov.cn.query-zs.com/')?.clone).toBe(true);
    expect(judge(CLONE, 'http://mem-gov.cn/')?.clone).toBe(true);
  });

  it('recognises every clone look of the sandbox and none of its honest provincial pages', async () => {
    const url = (p: string) => `http://127.0.0.99:8900${p}`;
    expect(judge(await sandboxPage('cx-clone', '/'), url('/'))?.clone).toBe(true);
    expect(judge(await sandboxPage('cx-clone', '/query', 'no=T1&name=x'), url('/query?no=T1'))).toMatchObject({ clone: true, look: 'result' });
    expect(judge(await sandboxPage('national-system', '/index.html'), url('/index.html'))?.clone).toBe(true);
    expect(judge(await sandboxPage('table-form', '/zscx/'), url('/zscx/'))?.clone).toBe(true);
    expect(judge(await sandboxPage('result-first', '/'), url('/'))?.clone).toBe(true);
    const guide = judge(await sandboxPage('province-guide', '/tzzy/cx.html'), url('/tzzy/cx.html'));
    expect(guide?.clone).toBe(false);
    expect(guide?.reasons).toContain('指向官方平台');
    const forward = judge(await sandboxPage('province-forward', '/'), url('/'));
    expect(forward?.clone).toBe(false);
  });

  it('reads nothing from ordinary pages: a forum thread with a search box keeps its snapshot as before', () => {
    const forum = `<html><head><title>电工证到底怎么考 - 安全技术论坛</title></head><body><form action="/search.php"><input name="srchtxt" placeholder="搜索"></form><div class="t_f">电工证考试要培训多久？</div></body></html>`;
    expect(readQueryPage(parseHtml(forum), 'http://127.0.0.2/thread-1-1-1.html')).toBeUndefined();
  });
});

describe('hostile query pages', () => {
  it('reads bounded signals from pages with thousands of forms, hostile ids and huge text, and never throws', () => {
    const forms = Array.from({ length: 3000 }, (_, i) => `<form action="javascript:alert(${i})"><label for='x"\n]${i}'>证号</label><input id='x"\n]${i}' name="no">${'<input>'.repeat(50)}</form>`).join('');
    const html = `<html><head><title>特种作业操作证查询${'证'.repeat(100_000)}</title></head><body>${forms}${'真实有效 '.repeat(50_000)}</body></html>`;
    const signals = readQueryPage(parseHtml(html), 'http://evil.example/')!;
    expect(signals.forms.length).toBeLessThanOrEqual(5);
    expect(signals.forms.every((f) => f.fields.length <= 12 && f.fields.every((x) => x.length <= 80))).toBe(true);
    expect(signals.title.length).toBeLessThanOrEqual(200);
    expect(signals.text.length).toBeLessThanOrEqual(3000);
    expect(signals.forms[0]!.fields[0]).toContain('证号');
    expect(() => recogniseClone(signals, 'http://evil.example/', official)).not.toThrow();
  });
});

describe('what posts cite', () => {
  const filter = new ContactFilter([]);
  const post = { url: 'http://127.0.0.2:8900/thread-9-1-1.html#pid1', body: '', images: [], links: ['http://127.0.0.2:8900/forum.php', 'https://cx.mem.gov.cn/', 'http://fake-cx.top/q?no=1', 'javascript:alert(1)'], position: 0 };
  it('keeps other sites (links, text addresses, QR URLs) and drops official hosts, the page\'s own site and big portals', () => {
    const cites = citedSites(
      { post, pageUrl: post.url, textContacts: [{ kind: 'url', value: '127.0.0.60:8900' }, { kind: 'url', value: 'baidu.com' }], qrTexts: ['http://127.0.0.63:8900/v?no=T1', '微信:abc123'], sellerSite: false },
      filter,
      official,
    );
    expect(cites.map((c) => `${c.via} ${c.url}`).sort()).toEqual(['link http://fake-cx.top/q?no=1', 'qr http://127.0.0.63:8900/v?no=T1', 'text http://127.0.0.60:8900/']);
  });
});
