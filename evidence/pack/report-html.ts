// The pack's report in Chinese, shaped like a 电子数据提取笔录 with its 电子数据清单;
// every scraped value is escaped, and the page loads nothing from outside.
import { escapeHtml as h } from '../escape-html.js';
import type { PackInputs } from './pack-inputs.js';
import type { PackItem } from './pack-items.js';
import { LIMITATIONS } from './limitations.js';
import type { ReportThumbnail } from './report-thumbnails.js';
import { DEFAULT_TIME_ZONE, formatLocalTime, zoneLabel } from '../../core/local-time.js';
import { auditActionName, describeAuditDetail } from '../../pipeline/display/audit-actions.js';
import { certName, contactDisplay, contactKindName, platformName, sellerStatusName } from '../../pipeline/display/display-labels.js';

export interface ReportContext {
  inputs: PackInputs;
  items: PackItem[];
  exportedAt: Date;
  actor: string;
  fingerprint: string;
  toolVersions: Record<string, string>;
  packId: string;
  /** The clock times are shown on (config timeZone). @default 'Asia/Shanghai' */
  timeZone?: string;
  /** Per listing: a thumbnail of its latest screenshot and the full image's path in the pack. */
  thumbnails?: Map<number, ReportThumbnail>;
}

const REASON_ZH: Record<string, string> = { flagged: '新标记帖子自动提取', changed: '帖子变化后重新提取', manual: '人工发起提取' };
const EXCERPT_CHARS = 300;

function excerpt(body: string): string {
  const t = body.replace(/\s+/g, ' ').trim();
  return t.length > EXCERPT_CHARS ? `${t.slice(0, EXCERPT_CHARS)}…` : t;
}

function certNames(v: unknown): string {
  if (!Array.isArray(v)) return '';
  return [...new Set(v.filter((c) => c && typeof c === 'object' && typeof c.code === 'string').map((c) => certName(String(c.code), typeof c.label === 'string' ? c.label : null)))].join('、');
}

// Chromium lays out a 7,000-row table in gigabytes of memory; past these counts the report
// lists the first rows and points to items.xlsx / custody-log.jsonl, which are complete and signed.
export const REPORT_ITEM_LIMIT = 700;
export const REPORT_CUSTODY_LIMIT = 500;

function size(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`;
}

const STYLE = `
/* One font family only: each extra CJK face costs seconds of PDF font processing. */
@page { size: A4; margin: 16mm 12mm 18mm 12mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; color: #000; line-height: 1.5; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.3em; margin: 0 0 4pt; }
.sub { text-align: center; font-size: 9pt; margin-bottom: 12pt; }
h2 { font-size: 12.5pt; border-bottom: 1px solid #000; margin: 14pt 0 6pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; table-layout: fixed; }
th, td { border: 1px solid #444; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
table.kv th { width: 22%; }
.items td, .items th { font-size: 7.5pt; }
.hash, .url { word-break: break-all; font-size: 7pt; }
tr { page-break-inside: avoid; }
.sign { margin-top: 24pt; display: flex; justify-content: space-between; }
.sign div { width: 30%; border-top: 1px solid #000; padding-top: 3pt; }
ol li { margin-bottom: 2pt; }
.post { display: flex; gap: 8pt; border: 1px solid #444; padding: 4pt; margin: 4pt 0; page-break-inside: avoid; }
.post-text { flex: 1; font-size: 9pt; }
.post-head { font-weight: bold; }
.post-title { font-weight: bold; margin: 2pt 0; }
.excerpt { white-space: pre-wrap; word-break: break-all; }
.post-contacts { margin-top: 2pt; }
.post-shot { width: 58mm; flex: none; }
.post-shot img { width: 100%; border: 1px solid #888; }
.noshot { color: #555; }
`;

export function renderReportHtml(r: ReportContext): string {
  const { inputs, items } = r;
  const zone = r.timeZone ?? DEFAULT_TIME_ZONE;
  // Every time in the report on the analysts' clock, the zone named once in the header and per column.
  const local = (d: Date | string | null, seconds = true): string => (d ? formatLocalTime(d, zone, { seconds }) : '—');
  const zoneName = zoneLabel(zone, 'zh', r.exportedAt);
  const thumbs = r.thumbnails ?? new Map<number, ReportThumbnail>();
  const contactsOf = (listingId: number) => inputs.contacts.filter((c) => c.listing_ids.includes(listingId));
  const s = inputs.seller;
  const handles = [...new Set(inputs.listings.map((l) => `${l.platform}\u0000${l.author_handle ?? ''}`))]
    .map((k) => k.split('\u0000') as [string, string])
    .filter(([, a]) => a);
  const capturesByListing = new Map<number, number>();
  for (const c of inputs.captures) if (!c.error) capturesByListing.set(c.listing_id, (capturesByListing.get(c.listing_id) ?? 0) + 1);
  const chromium = r.toolVersions.chromium ?? '';
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>电子数据提取笔录 ${h(r.packId)}</title><style>${STYLE}</style></head><body>
<h1>电子数据提取笔录</h1>
<div class="sub">编号：${h(r.packId)}　　生成工具：certwatch ${h(r.toolVersions.certwatch ?? '')}</div>
<h2>一、基本情况</h2>
<table class="kv">
<tr><th>线索（卖家）编号</th><td>${s.id}${inputs.mergedSellerIds.length ? `（已并入：${inputs.mergedSellerIds.join('、')}）` : ''}</td></tr>
<tr><th>线索状态</th><td>${h(sellerStatusName(s.status))}　评分 ${Number(s.score).toFixed(2)}</td></tr>
<tr><th>案由</th><td>涉嫌伪造、买卖特种作业操作证（网络销售线索）</td></tr>
<tr><th>导出时间</th><td>${h(local(r.exportedAt))}（${h(zoneName)}）　UTC ${h(r.exportedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ''))}</td></tr>
<tr><th>时间说明</th><td>本笔录中的时间均为${h(zoneName)}；包内 manifest.json 与 custody-log.jsonl 按 UTC 记录。</td></tr>
<tr><th>导出人</th><td>${h(r.actor)}</td></tr>
<tr><th>提取方法</th><td>使用 certwatch 调用 Chromium ${h(chromium)} 无头浏览器在线访问公开网页，
对每个网页固定全页截图、加注网址与时间的截图、服务器原始响应源代码、渲染后网页、MHTML 快照、WARC 网络通信记录（另附 WACZ 回放包）及提取元数据；
对每个文件计算 SHA-256 与 SM3（GB/T 32905）校验值，按内容地址存储。</td></tr>
<tr><th>涉及帖子 / 取证次数 / 文件数</th><td>${inputs.listings.length} 个帖子 / ${inputs.captures.filter((c) => !c.error).length} 次 / ${items.length} 个文件</td></tr>
</table>
<h2>二、涉案对象标识</h2>
<table><tr><th style="width:6%">序号</th><th style="width:14%">类型</th><th>值</th><th style="width:30%">出现于帖子编号</th></tr>
${inputs.contacts.map((c, i) => `<tr><td>${i + 1}</td><td>${h(contactKindName(c.kind))}</td><td>${h(contactDisplay(c.kind, c.value))}</td><td>${h(c.listing_ids.join('、'))}</td></tr>`).join('\n')}
${handles.map(([p, a], i) => `<tr><td>${inputs.contacts.length + i + 1}</td><td>发帖账号</td><td>${h(a)}</td><td>平台：${h(platformName(p))}</td></tr>`).join('\n')}
</table>
<h2>三、涉案网页</h2>
<table><tr><th style="width:6%">帖子</th><th style="width:9%">平台</th><th>网址 / 标题</th><th style="width:10%">作者</th><th style="width:15%">首次发现</th><th style="width:15%">状态</th><th style="width:6%">取证</th></tr>
${inputs.listings.map((l) => `<tr><td>${l.id}</td><td>${h(platformName(l.platform))}</td><td><div class="url">${h(l.url)}</div>${h(l.title ?? '')}</td><td>${h(l.author_handle ?? '')}</td><td>${h(local(l.first_seen))}</td><td>${l.gone_at ? `已删除（${h(local(l.gone_at))} 发现）` : '在线'}</td><td>${capturesByListing.get(l.id) ?? 0}</td></tr>`).join('\n')}
</table>
<h2>三之一、帖子内容摘录</h2>
${inputs.listings.map((l) => {
    const t = thumbs.get(l.id);
    const cs = contactsOf(l.id);
    return `<div class="post" id="post-${l.id}">
<div class="post-text"><div class="post-head">帖子 ${l.id} · ${h(platformName(l.platform))}${certNames(l.cert_types) ? ` · 证书类型：${h(certNames(l.cert_types))}` : ''}</div>
<div class="post-title">${h(l.title ?? '')}</div>
<div class="excerpt">${h(excerpt(l.body ?? ''))}</div>
<div class="post-contacts">联系方式：${cs.length ? cs.map((c) => `${h(contactKindName(c.kind))} ${h(contactDisplay(c.kind, c.value))}`).join('；') : '—'}</div></div>
<div class="post-shot">${t ? `<img src="${h(t.dataUri)}" alt="帖子 ${l.id} 截图"><div class="url">完整截图：${h(t.path)}</div>` : '<div class="noshot">（无截图）</div>'}</div>
</div>`;
  }).join('\n')}
<h2>四、提取过程记录</h2>
<table><tr><th style="width:6%">次序</th><th style="width:6%">帖子</th><th style="width:16%">开始时间</th><th style="width:16%">结束时间</th><th style="width:7%">状态码</th><th>最终网址 / 服务器 IP / 原因</th><th style="width:9%">操作人</th></tr>
${inputs.captures.map((c) => `<tr><td>${c.id}</td><td>${c.listing_id}</td><td>${h(local(c.started_at))}</td><td>${h(local(c.finished_at))}</td><td>${c.error ? '失败' : h(c.status ?? '')}</td><td><div class="url">${h(c.final_url ?? c.url)}</div>服务器 IP：${h(String((c.metadata as { serverIp?: string }).serverIp ?? '—'))}；${h(REASON_ZH[c.reason] ?? c.reason)}${c.gone ? '；帖子已被删除时的页面' : ''}${c.error ? `<br>错误：${h(c.error)}` : ''}</td><td>${h(c.actor)}</td></tr>`).join('\n')}
</table>
<h2>五、电子数据清单</h2>
<table class="items"><tr><th style="width:4%">序号</th><th style="width:14%">名称（包内路径）</th><th style="width:12%">类别</th><th style="width:6%">格式</th><th style="width:7%">大小</th><th>校验值（SHA-256 / SM3）</th><th style="width:16%">来源网址</th><th style="width:11%">提取时间（${h(zoneName)}）</th></tr>
${items.slice(0, REPORT_ITEM_LIMIT).map((it) => `<tr><td>${it.no}</td><td class="url">${h(it.path)}</td><td>${h(it.category)}</td><td>${h(it.format)}</td><td>${h(size(it.size))}</td><td class="hash">SHA-256: ${h(it.sha256)}<br>SM3: ${h(it.sm3)}</td><td class="url">${h(it.url)}</td><td>${h(local(it.capturedAt))}</td></tr>`).join('\n')}
</table>
${items.length > REPORT_ITEM_LIMIT ? `<p>清单共 ${items.length} 项，本笔录列出前 ${REPORT_ITEM_LIMIT} 项；完整清单见 report/items.xlsx 与 manifest.json（均在签名范围内）。</p>` : ''}
<h2>六、完整性校验</h2>
<table class="kv">
<tr><th>清单文件</th><td>manifest.json（规范化 JSON，列出包内每个文件的大小、SHA-256、SM3）</td></tr>
<tr><th>签名</th><td>manifest.json.sig，Ed25519 分离签名；公钥 signing-key.pub.pem</td></tr>
<tr><th>公钥指纹（SHA-256）</th><td class="hash" style="font-size:9pt">${h(r.fingerprint)}</td></tr>
<tr><th>校验方法</th><td>见包内 VERIFY.md：sha256sum -c SHA256SUMS；openssl pkeyutl -verify；或 certwatch verify</td></tr>
</table>
<h2>七、保管链记录</h2>
<table><tr><th style="width:6%">序号</th><th style="width:18%">时间（${h(zoneName)}）</th><th style="width:14%">操作人</th><th style="width:16%">操作</th><th style="width:8%">帖子</th><th>说明</th></tr>
${inputs.custody.slice(0, REPORT_CUSTODY_LIMIT).map((e, i) => `<tr><td>${i + 1}</td><td>${h(local(e.at))}</td><td>${h(e.actor)}</td><td>${h(auditActionName(e.action))}</td><td>${h(e.listing_id ?? '')}</td><td>${h(describeAuditDetail(e.detail))}</td></tr>`).join('\n')}
</table>
${inputs.custody.length > REPORT_CUSTODY_LIMIT ? `<p>保管链共 ${inputs.custody.length} 条，本笔录列出前 ${REPORT_CUSTODY_LIMIT} 条；完整记录见 custody-log.jsonl。</p>` : ''}
<h2>八、说明与局限</h2>
<ol>${LIMITATIONS.map((l) => `<li>${h(l.zh)}</li>`).join('')}</ol>
<div class="sign"><div>提取人（签名）：</div><div>见证人（签名）：</div><div>日期：</div></div>
</body></html>
`);
  return parts.join('');
}

