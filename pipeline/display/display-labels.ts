// Names people read for the codes stored in the database (platforms, contact kinds, seller statuses,
// certificate codes, queue and run states), in Chinese and English: pages, XLSX and reports share them.
import { certTypeName } from '../../classifiers/index.js';

export type DisplayLang = 'zh' | 'en';
type Pair = { zh: string; en: string };

const PLATFORMS: Record<string, Pair> = {
  discuz: { zh: '论坛', en: 'Forum' },
  bbs: { zh: '论坛', en: 'Forum' },
  forum: { zh: '论坛', en: 'Forum' },
  tieba: { zh: '贴吧', en: 'Tieba' },
  classifieds: { zh: '分类信息网', en: 'Classifieds' },
  search: { zh: '搜索引擎', en: 'Search engine' },
  qa: { zh: '问答社区', en: 'Q&A site' },
  news: { zh: '新闻网站', en: 'News site' },
  school: { zh: '培训学校网站', en: 'Training school site' },
  jobs: { zh: '招聘网站', en: 'Job board' },
  seo: { zh: '卖家推广站', en: 'Seller SEO site' },
  seller: { zh: '卖家自建网站', en: 'Seller’s own site' },
  'seller-site': { zh: '卖家自建网站', en: 'Seller’s own site' },
  website: { zh: '其他网站', en: 'Other website' },
  generic: { zh: '其他网站', en: 'Other website' },
};

const CONTACT_KINDS: Record<string, Pair> = {
  phone: { zh: '手机', en: 'Phone' },
  wechat: { zh: '微信', en: 'WeChat' },
  qq: { zh: 'QQ', en: 'QQ' },
  email: { zh: '邮箱', en: 'E-mail' },
  url: { zh: '网址', en: 'Website' },
  handle: { zh: '发帖账号', en: 'Forum account' },
};

const STATUSES: Record<string, Pair> = {
  new: { zh: '新线索', en: 'New' },
  in_review: { zh: '审核中', en: 'In review' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  referred: { zh: '已移送', en: 'Referred' },
  closed: { zh: '已结案', en: 'Closed' },
  dismissed: { zh: '已排除', en: 'Dismissed' },
};

const QUEUE_NAMES: Record<string, Pair> = {
  crawl: { zh: '抓取', en: 'Crawl' },
  analyze: { zh: '分析', en: 'Analyse' },
  picture: { zh: '识图', en: 'Pictures' },
  link: { zh: '关联', en: 'Link' },
  capture: { zh: '取证', en: 'Capture' },
  export: { zh: '导出', en: 'Export' },
  reconcile: { zh: '对账', en: 'Reconcile' },
  alerts: { zh: '告警', en: 'Alerts' },
};

const QUEUE_STATES: Record<string, Pair> = {
  waiting: { zh: '等待', en: 'Waiting' },
  active: { zh: '处理中', en: 'Active' },
  delayed: { zh: '延迟', en: 'Delayed' },
  prioritized: { zh: '优先等待', en: 'Prioritised' },
  failed: { zh: '失败', en: 'Failed' },
  completed: { zh: '已完成', en: 'Completed' },
  paused: { zh: '已暂停', en: 'Paused' },
  'waiting-children': { zh: '等待子任务', en: 'Waiting for children' },
};

const RUN_STATES: Record<string, Pair> = {
  queued: { zh: '排队中', en: 'Queued' },
  running: { zh: '运行中', en: 'Running' },
  done: { zh: '已完成', en: 'Done' },
  failed: { zh: '失败', en: 'Failed' },
  abandoned: { zh: '已中止', en: 'Abandoned' },
};

const EVIDENCE_ROLES: Record<string, Pair> = {
  screenshot: { zh: '网页全页截图', en: 'Full-page screenshot' },
  screenshot_banner: { zh: '加注网址与时间的截图', en: 'Screenshot with banner' },
  html_served: { zh: '服务器原始响应', en: 'HTML as served' },
  dom: { zh: '渲染后网页', en: 'Rendered DOM' },
  mhtml: { zh: '网页快照 (MHTML)', en: 'MHTML snapshot' },
  warc: { zh: '网络通信记录 (WARC)', en: 'WARC record' },
  metadata: { zh: '提取元数据', en: 'Capture metadata' },
  wacz: { zh: '网页回放包 (WACZ)', en: 'WACZ replay' },
};

export function evidenceRoleName(role: string, lang: DisplayLang = 'zh'): string {
  return pick(EVIDENCE_ROLES, role, lang) ?? (lang === 'zh' ? '其他证据文件' : 'Other evidence file');
}

const RENDER_MODES: Record<string, Pair> = {
  http: { zh: '直接抓取', en: 'HTTP' },
  browser: { zh: '浏览器渲染', en: 'Browser' },
};

function pick(table: Record<string, Pair>, code: string, lang: DisplayLang): string | undefined {
  const p = Object.hasOwn(table, code) ? table[code] : undefined;
  return p ? p[lang] : undefined;
}

export function platformName(code: string, lang: DisplayLang = 'zh'): string {
  return pick(PLATFORMS, code, lang) ?? (lang === 'zh' ? '其他网站' : 'Other website');
}

export function contactKindName(kind: string, lang: DisplayLang = 'zh'): string {
  return pick(CONTACT_KINDS, kind, lang) ?? (lang === 'zh' ? '其他联系方式' : 'Other contact');
}

/** A stored contact as a person reads it: a forum handle `host|name` shows the name, then where. */
export function contactDisplay(kind: string, value: string): string {
  // A WeChat or QQ card read from a QR code or a link: the account's token, not an id one can type.
  if ((kind === 'wechat' || kind === 'qq') && value.startsWith('qr:')) return `${value.slice(3)}（二维码名片）`;
  if (kind === 'handle') {
    const bar = value.lastIndexOf('|');
    if (bar >= 0) return `${value.slice(bar + 1)}（${value.slice(0, bar)}）`;
  }
  return value;
}

/** A classifier reason as read: contact kinds in it named (`phone+wechat` → 手机+微信). */
export function reasonText(reason: string, lang: DisplayLang = 'zh'): string {
  return reason.replace(/\b(phone|wechat|qq|email|url|handle)\b/g, (k) => contactKindName(k, lang)).replace(/^cue:/, lang === 'zh' ? '话术：' : 'cue: ');
}

export function sellerStatusName(status: string, lang: DisplayLang = 'zh'): string {
  return pick(STATUSES, status, lang) ?? (lang === 'zh' ? '未知状态' : 'Unknown status');
}

/** The catalogue's name; a code the catalogue lacks keeps the label stored with it. */
export function certName(code: string, storedLabel?: string | null): string {
  return certTypeName(code) ?? (storedLabel || (code.includes('.') ? '其他证书' : code));
}

export function queueName(name: string, lang: DisplayLang = 'zh'): string {
  return pick(QUEUE_NAMES, name, lang) ?? name;
}

export function queueStateName(state: string, lang: DisplayLang = 'zh'): string {
  return pick(QUEUE_STATES, state, lang) ?? state;
}

export function runStateName(state: string, lang: DisplayLang = 'zh'): string {
  return pick(RUN_STATES, state, lang) ?? state;
}

export function renderModeName(mode: string, lang: DisplayLang = 'zh'): string {
  return pick(RENDER_MODES, mode, lang) ?? mode;
}
