// Audit and custody entries as a person reads them: each action code named in Chinese or English,
// and its JSON detail turned into a short sentence (statuses, units, pack versions, hashes shortened).
import { sellerStatusName, type DisplayLang } from './display-labels.js';

type Pair = { zh: string; en: string };

const ACTIONS: Record<string, Pair> = {
  'login.success': { zh: '登录成功', en: 'Logged in' },
  'login.failure': { zh: '登录失败', en: 'Login failed' },
  'login.blocked': { zh: '登录被限制', en: 'Login blocked' },
  logout: { zh: '退出登录', en: 'Logged out' },
  'view.seller': { zh: '查看卖家', en: 'Viewed seller' },
  'view.listing': { zh: '查看帖子', en: 'Viewed listing' },
  'view.stored_page': { zh: '查看存档页面', en: 'Viewed stored page' },
  'view.evidence': { zh: '查看证据文件', en: 'Viewed evidence file' },
  'decision.confirm': { zh: '确认线索', en: 'Confirmed lead' },
  'decision.dismiss': { zh: '排除线索', en: 'Dismissed lead' },
  'decision.escalate': { zh: '上报', en: 'Escalated' },
  'decision.note': { zh: '添加备注', en: 'Added note' },
  'decision.claim': { zh: '领取线索', en: 'Claimed lead' },
  'decision.release': { zh: '释放线索', en: 'Released lead' },
  'status.change': { zh: '状态变更', en: 'Status changed' },
  'referral.refer': { zh: '移送公安', en: 'Referred' },
  'referral.close': { zh: '结案', en: 'Case closed' },
  'pack.download': { zh: '下载证据包', en: 'Downloaded pack' },
  'export.leads': { zh: '导出线索表', en: 'Exported leads' },
  'export.stats': { zh: '导出统计表', en: 'Exported statistics' },
  'evidence.capture_queued': { zh: '发起立即取证', en: 'Capture requested' },
  'source.run_now': { zh: '立即运行数据源', en: 'Ran source now' },
  'retrain.start': { zh: '开始重新训练', en: 'Retraining started' },
  'user.create': { zh: '新建用户', en: 'User created' },
  'user.update': { zh: '修改用户', en: 'User changed' },
  'label.listing': { zh: '标注帖子', en: 'Labelled listing' },
  captured: { zh: '固定网页证据', en: 'Page captured' },
  capture_failed: { zh: '取证失败', en: 'Capture failed' },
  exported: { zh: '生成证据包', en: 'Pack built' },
  export_written: { zh: '证据包已保存', en: 'Pack kept' },
  export_discarded: { zh: '证据包作废', en: 'Pack discarded' },
  export_failed: { zh: '证据包生成失败', en: 'Pack failed' },
  viewed: { zh: '查看', en: 'Viewed' },
  confirmed: { zh: '确认线索', en: 'Confirmed lead' },
  status_changed: { zh: '状态变更', en: 'Status changed' },
  referred: { zh: '移送', en: 'Referred' },
  dismissed: { zh: '排除', en: 'Dismissed' },
  claimed: { zh: '领取', en: 'Claimed' },
  note: { zh: '备注', en: 'Note' },
};

const KEYS: Record<string, Pair> = {
  note: { zh: '备注', en: 'note' },
  unit: { zh: '移送单位', en: 'unit' },
  outcome: { zh: '处理结果', en: 'outcome' },
  version: { zh: '版本', en: 'version' },
  sha256: { zh: 'SHA-256', en: 'SHA-256' },
  pack_sha256: { zh: '证据包 SHA-256', en: 'pack SHA-256' },
  pack_id: { zh: '证据包编号', en: 'pack id' },
  capture_id: { zh: '提取次序', en: 'capture' },
  error: { zh: '错误', en: 'error' },
  reason: { zh: '原因', en: 'reason' },
  ip: { zh: 'IP 地址', en: 'IP' },
  username: { zh: '用户', en: 'user' },
  role: { zh: '角色', en: 'role' },
  rows: { zh: '行数', en: 'rows' },
  format: { zh: '格式', en: 'format' },
  sourceId: { zh: '数据源', en: 'source' },
  stored: { zh: '存档帖子', en: 'stored listing' },
  previous: { zh: '原领取人', en: 'previous holder' },
  file: { zh: '文件', en: 'file' },
  duplicate: { zh: '重复请求', en: 'duplicate' },
  label: { zh: '标注', en: 'label' },
  listings: { zh: '帖子数', en: 'listings' },
  posts: { zh: '展开帖子数', en: 'posts shown' },
  period: { zh: '统计周期', en: 'period' },
  from: { zh: '起始', en: 'from' },
  to: { zh: '截止', en: 'to' },
};

// Internal plumbing (row ids of other tables, job ids): kept in the log, not worth a reader's time.
const HIDDEN = new Set(['pack_version_id', 'export_audit_id', 'job_id', 'jobId', 'evidenceId', 'pageId', 'userId', 'filters', 'length', 'status']);

export function auditActionName(action: string, lang: DisplayLang = 'zh'): string {
  const p = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  return p ? p[lang] : lang === 'zh' ? '其他操作' : 'Other action';
}

function value(key: string, v: unknown, lang: DisplayLang): string {
  if (typeof v === 'boolean') return v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  if (/sha256$/i.test(key) && /^[0-9a-f]{64}$/i.test(s)) return `${s.slice(0, 12)}…`;
  if (key === 'label') return s === 'seller_ad' ? (lang === 'zh' ? '售证广告' : 'seller ad') : lang === 'zh' ? '非售证广告' : 'not a seller ad';
  if (key === 'version') return lang === 'zh' ? `第 ${s} 版` : `v${s}`;
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** The detail as one readable line: status moves as 旧 → 新, known fields named, plumbing left out. */
export function describeAuditDetail(detail: unknown, lang: DisplayLang = 'zh'): string {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return '';
  const d = detail as Record<string, unknown>;
  const bits: string[] = [];
  const statusMove = typeof d.to === 'string' && /^[a-z_]+$/.test(d.to);
  if (statusMove) bits.push(`${typeof d.from === 'string' ? sellerStatusName(d.from, lang) : '—'} → ${sellerStatusName(d.to as string, lang)}`);
  else if (typeof d.status === 'string' && /^[a-z_]+$/.test(d.status)) bits.push(`${lang === 'zh' ? '状态' : 'status'}：${sellerStatusName(d.status, lang)}`);
  if (d.escalated === true) bits.push(lang === 'zh' ? '已上报' : 'escalated');
  for (const [k, v] of Object.entries(d)) {
    if (v === undefined || v === null || v === '' || (statusMove && (k === 'to' || k === 'from')) || k === 'escalated' || HIDDEN.has(k)) continue;
    const name = Object.hasOwn(KEYS, k) ? KEYS[k]![lang] : k;
    bits.push(`${name}：${value(k, v, lang)}`);
  }
  return bits.join(lang === 'zh' ? '；' : '; ');
}
