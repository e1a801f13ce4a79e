// The pack's report in Chinese, shaped like a 电子数据提取笔录 with its 电子数据清单;
// every scraped value is escaped, and the page loads nothing from outside.
import { escapeHtml as h } from '../escape-html.js';
import type { PackInputs } from './pack-inputs.js';
import type { PackItem } from './pack-items.js';
import { LIMITATIONS } from './limitations.js';

export interface ReportContext {
  inputs: PackInputs;
  items: PackItem[];
  exportedAt: Date;
  actor: string;
  fingerprint: string;
  toolVersions: Record<string, string>;
  packId: string;
}

const STATUS_ZH: Record<string, string> = {
  new: '新线索', in_review: '审核中', confirmed: '已确认', referred: '已移送', closed: '已结案', dismissed: '已排除',
};
const ACTION_ZH: Record<string, string> = {
  captured: '固定网页证据', capture_failed: '取证失败', viewed: '查看', confirmed: '确认线索', exported: '导出证据包',
  status_changed: '状态变更', referred: '移送', dismissed: '排除', claimed: '认领', note: '备注',
};
const REASON_ZH: Record<string, string> = { flagged: '新标记帖子自动提取', changed: '帖子变化后重新提取', manual: '人工发起提取' };
const CONTACT_ZH: Record<string, string> = { phone: '手机号', wechat: '微信号', qq: 'QQ号', email: '电子邮箱', url: '网址', handle: '账号' };

// Chromium lays out a 7,000-row table in gigabytes of memory; past these counts the report
// lists the first rows and points to items.xlsx / custody-log.jsonl, which are complete and signed.
export const REPORT_ITEM_LIMIT = 700;
export const REPORT_CUSTODY_LIMIT = 500;

function utc(d: Date | string | null): string {
  if (!d) return '—';
  return new Date(d).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function beijing(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '（北京时间）');
}

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
`;

export function renderReportHtml(r: ReportContext): string {
  const { inputs, items } = r;
  const s = inputs.seller;
  const handles = [...new Set(inputs.listings.map((l) => `${l.platform}\u0000${l.author_handle ?? ''}`))]
    .map((k) => k.split('\u0000') as [string, string])
    .filter(([, a]) => a);
  const capturesByListing = new Map<number, number>();
  for (const c of inputs.captures) if (!c.error) capturesByListing.set(c.listing_id, (capturesByListing.get(c.listing_id) ?? 0) + 1);
  const chromium = r.toolVersions.chromium ?? '';
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>电子数据提取笔录 ${h(r.packId)}</title><style>${STYLE}</style></head><body>
<h1>电子数据提取笔录</h1>
<div class="sub">编号：${h(r.packId)}　　生成工具：certwatch ${h(r.toolVersions.certwatch ?? '')}</div>
<h2>一、基本情况</h2>
<table class="kv">
<tr><th>线索（卖家）编号</th><td>${s.id}${inputs.mergedSellerIds.length ? `（已并入：${inputs.mergedSellerIds.join('、')}）` : ''}</td></tr>
<tr><th>线索状态</th><td>${h(STATUS_ZH[s.status] ?? s.status)}　评分 ${Number(s.score).toFixed(2)}</td></tr>
<tr><th>案由</th><td>涉嫌伪造、买卖特种作业操作证（网络销售线索）</td></tr>
<tr><th>导出时间</th><td>${h(utc(r.exportedAt))}　${h(beijing(r.exportedAt))}</td></tr>
<tr><th>导出人</th><td>${h(r.actor)}</td></tr>
<tr><th>提取方法</th><td>使用 certwatch 调用 Chromium ${h(chromium)} 无头浏览器在线访问公开网页，
对每个网页固定全页截图、加注网址与时间的截图、服务器原始响应源代码、渲染后网页、MHTML 快照、WARC 网络通信记录（另附 WACZ 回放包）及提取元数据；
对每个文件计算 SHA-256 与 SM3（GB/T 32905）校验值，按内容地址存储。</td></tr>
<tr><th>涉及帖子 / 取证次数 / 文件数</th><td>${inputs.listings.length} 个帖子 / ${inputs.captures.filter((c) => !c.error).length} 次 / ${items.length} 个文件</td></tr>
</table>
<h2>二、涉案对象标识</h2>
<table><tr><th style="width:6%">序号</th><th style="width:14%">类型</th><th>值</th><th style="width:30%">出现于帖子编号</th></tr>
${inputs.contacts.map((c, i) => `<tr><td>${i + 1}</td><td>${h(CONTACT_ZH[c.kind] ?? c.kind)}</td><td>${h(c.value)}</td><td>${h(c.listing_ids.join('、'))}</td></tr>`).join('\n')}
${handles.map(([p, a], i) => `<tr><td>${inputs.contacts.length + i + 1}</td><td>发帖账号</td><td>${h(a)}</td><td>平台：${h(p)}</td></tr>`).join('\n')}
</table>
<h2>三、涉案网页</h2>
<table><tr><th style="width:6%">帖子</th><th style="width:9%">平台</th><th>网址 / 标题</th><th style="width:10%">作者</th><th style="width:15%">首次发现</th><th style="width:15%">状态</th><th style="width:6%">取证</th></tr>
${inputs.listings.map((l) => `<tr><td>${l.id}</td><td>${h(l.platform)}</td><td><div class="url">${h(l.url)}</div>${h(l.title ?? '')}</td><td>${h(l.author_handle ?? '')}</td><td>${h(utc(l.first_seen))}</td><td>${l.gone_at ? `已删除（${h(utc(l.gone_at))} 发现）` : '在线'}</td><td>${capturesByListing.get(l.id) ?? 0}</td></tr>`).join('\n')}
</table>
<h2>四、提取过程记录</h2>
<table><tr><th style="width:6%">次序</th><th style="width:6%">帖子</th><th style="width:16%">开始时间</th><th style="width:16%">结束时间</th><th style="width:7%">状态码</th><th>最终网址 / 服务器 IP / 原因</th><th style="width:9%">操作人</th></tr>
${inputs.captures.map((c) => `<tr><td>${c.id}</td><td>${c.listing_id}</td><td>${h(utc(c.started_at))}</td><td>${h(utc(c.finished_at))}</td><td>${c.error ? '失败' : h(c.status ?? '')}</td><td><div class="url">${h(c.final_url ?? c.url)}</div>服务器 IP：${h(String((c.metadata as { serverIp?: string }).serverIp ?? '—'))}；${h(REASON_ZH[c.reason] ?? c.reason)}${c.gone ? '；帖子已被删除时的页面' : ''}${c.error ? `<br>错误：${h(c.error)}` : ''}</td><td>${h(c.actor)}</td></tr>`).join('\n')}
</table>
<h2>五、电子数据清单</h2>
<table class="items"><tr><th style="width:4%">序号</th><th style="width:14%">名称（包内路径）</th><th style="width:12%">类别</th><th style="width:6%">格式</th><th style="width:7%">大小</th><th>校验值（SHA-256 / SM3）</th><th style="width:16%">来源网址</th><th style="width:11%">提取时间</th></tr>
${items.slice(0, REPORT_ITEM_LIMIT).map((it) => `<tr><td>${it.no}</td><td class="url">${h(it.path)}</td><td>${h(it.category)}</td><td>${h(it.format)}</td><td>${h(size(it.size))}</td><td class="hash">SHA-256: ${h(it.sha256)}<br>SM3: ${h(it.sm3)}</td><td class="url">${h(it.url)}</td><td>${h(utc(it.capturedAt))}</td></tr>`).join('\n')}
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
<table><tr><th style="width:6%">序号</th><th style="width:18%">时间</th><th style="width:14%">操作人</th><th style="width:16%">操作</th><th style="width:8%">帖子</th><th>说明</th></tr>
${inputs.custody.slice(0, REPORT_CUSTODY_LIMIT).map((e, i) => `<tr><td>${i + 1}</td><td>${h(utc(e.at))}</td><td>${h(e.actor)}</td><td>${h(ACTION_ZH[e.action] ?? e.action)}</td><td>${h(e.listing_id ?? '')}</td><td class="hash">${h(custodyNote(e.detail))}</td></tr>`).join('\n')}
</table>
${inputs.custody.length > REPORT_CUSTODY_LIMIT ? `<p>保管链共 ${inputs.custody.length} 条，本笔录列出前 ${REPORT_CUSTODY_LIMIT} 条；完整记录见 custody-log.jsonl。</p>` : ''}
<h2>八、说明与局限</h2>
<ol>${LIMITATIONS.map((l) => `<li>${h(l.zh)}</li>`).join('')}</ol>
<div class="sign"><div>提取人（签名）：</div><div>见证人（签名）：</div><div>日期：</div></div>
</body></html>
`);
  return parts.join('');
}

function custodyNote(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const d = detail as { capture_id?: unknown; status?: unknown; url?: unknown; note?: unknown; to?: unknown };
  const bits: string[] = [];
  if (d.capture_id !== undefined) bits.push(`提取次序 ${String(d.capture_id)}`);
  if (d.status !== undefined) bits.push(`状态 ${String(d.status)}`);
  if (d.to !== undefined) bits.push(`→ ${String(d.to)}`);
  if (typeof d.note === 'string') bits.push(d.note.slice(0, 200));
  return bits.join('；');
}
