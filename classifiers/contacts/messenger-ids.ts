// WeChat and QQ ids, read only right after a (canonical) cue; "电话微信同号" makes
// the post's phone the WeChat id too. Official accounts are never a seller's id.
import type { PhoneHit } from './phone-numbers.js';
import { execFrom } from './exec-from.js';

export interface IdHit {
  kind: 'wechat' | 'qq';
  value: string;
  start: number;
  end: number;
  /** A phone cue announced the same digits ("电话 QQ 微信 138…"): they are a phone as well. */
  alsoPhone?: true;
}

// After a cue: optional "号/号码/id", filler words and punctuation, then the id.
// Arrows and tildes count as punctuation too ("微信→dgz201", "V~tezhong88").
const FILLER = String.raw`(?:号码|号|id|账号)?[\s:：=是为/\-（(→~>》»➡,，;；、【\[「『]*(?:搜索|添加|加|联系)?[\s:：]*`;
const WECHAT_ID = String.raw`([a-z][a-z0-9_-]{5,19}|\d(?:[\s-]?\d){4,10})`;
const WECHAT = new RegExp(String.raw`微信(?!公众号|公众平台|搜一搜|支付|群)${FILLER}${WECHAT_ID}(?![a-z0-9_-])`, 'g');
const WXID = /(?<![a-z0-9_])wxid_[a-z0-9_-]{4,30}/g;
// "请加kg5x1hyec": an id right after 加 with no cue is, in this trade, a WeChat id.
const ADD_ID = /加[\s:：]*([a-z][a-z0-9_-]{5,19})(?![a-z0-9_-])/g;
const QQ = /qq(?:号码|号|群|交流群)?[\s:：=是为/\-→~>》»➡,，;；、【\[「『（(]*(\d(?:[\s-]?\d){4,10})(?!\d)/g;
// Several cues before one number ("电话 QQ 微信 138…", "微信/qq：…"): each names it; a phone cue keeps it a phone too.
const CUE_LIST = /(电话|手机|qq|微信)((?:[\s/、|,，;；和与及或]*(?:电话|手机|qq|微信)){1,3})(?:号码|号)?[\s:：=是为,，]*(\d(?:[\s-]?\d){4,10})(?!\d)/g;
// The WeChat id is the phone number: 电话微信同号, 电微同号, 手机微信同步, 微信也是这号, 电话/微信 138….
const SAME_NUMBER = /[电微]{2}同号|(?:微信|电话|手机|电|号码)[\s/、和与及]*(?:微信)?[\s:：]*同(?:号|步|一个号)|微信[^\d]{0,3}(?:也是这号|同手机|同电话|即电话)|(?:电话|手机|电)[\s]*[/、|]?\s*微信(?=[\s:：号]*\d)|微信[\s]*[/、|]?\s*(?:电话|手机)(?=[\s:：号]*\d)/;
const OFFICIAL_ACCOUNTS = new Set(['国家安全生产考试']);

/** Where the post says its WeChat id is its phone number, or -1. */
export function sameNumberAt(text: string): number {
  return SAME_NUMBER.exec(text)?.index ?? -1;
}

function digitsOnly(s: string): string {
  return s.replace(/[\s-]/g, '');
}

/** WeChat/QQ ids written after a cue (or 加) in `text` (contact view with web addresses masked). */
export function findCuedIds(text: string): IdHit[] {
  const hits: IdHit[] = [];
  // Each pattern starts with a literal: its regex runs only when that occurs.
  if (text.includes('微信')) for (let m = execFrom(WECHAT, text); m; m = WECHAT.exec(text)) {
    const raw = m[1]!;
    const c = raw.charCodeAt(0);
    const value = c >= 48 && c <= 57 ? digitsOnly(raw) : raw;
    if (OFFICIAL_ACCOUNTS.has(value)) continue;
    const start = m.index + m[0].length - raw.length;
    hits.push({ kind: 'wechat', value, start, end: start + raw.length });
  }
  if (text.includes('wxid_')) for (let m = execFrom(WXID, text); m; m = WXID.exec(text)) hits.push({ kind: 'wechat', value: m[0], start: m.index, end: m.index + m[0].length });
  if (text.includes('加')) for (let m = execFrom(ADD_ID, text); m; m = ADD_ID.exec(text)) {
    const raw = m[1]!;
    if (raw.startsWith('qq') || raw.startsWith('vip') || raw.startsWith('wechat')) continue;
    const start = m.index + m[0].length - raw.length;
    hits.push({ kind: 'wechat', value: raw, start, end: start + raw.length });
  }
  if (text.includes('qq')) for (let m = execFrom(QQ, text); m; m = QQ.exec(text)) {
    const raw = m[1]!;
    const value = digitsOnly(raw);
    if (value.startsWith('0')) continue;
    const start = m.index + m[0].length - raw.length;
    hits.push({ kind: 'qq', value, start, end: start + raw.length });
  }
  if (text.includes('微信') || text.includes('qq')) addCueLists(text, hits);
  return hits;
}

/**
 * The ids of CUE_LIST matches added to `hits` where a cue of the list has none at the digits yet,
 * and hits at digits a phone cue announced marked alsoPhone.
 */
function addCueLists(text: string, hits: IdHit[]): void {
  for (let m = execFrom(CUE_LIST, text); m; m = CUE_LIST.exec(text)) {
    const cues = m[1]! + m[2]!;
    const raw = m[3]!;
    const value = digitsOnly(raw);
    const start = m.index + m[0].length - raw.length;
    const end = start + raw.length;
    if (cues.includes('微信') && !hits.some((h) => h.kind === 'wechat' && h.start === start)) hits.push({ kind: 'wechat', value, start, end });
    if (cues.includes('qq') && !value.startsWith('0') && !hits.some((h) => h.kind === 'qq' && h.start === start)) hits.push({ kind: 'qq', value, start, end });
    if (cues.includes('电话') || cues.includes('手机')) for (const h of hits) if (h.start === start) h.alsoPhone = true;
  }
}

/** The WeChat id a 同号 phrase at `at` names: the phone nearest to the phrase. */
export function sameNumberId(phones: PhoneHit[], at: number): IdHit | undefined {
  if (at < 0 || phones.length === 0) return undefined;
  const nearest = phones.reduce((a, b) => (Math.abs(b.start - at) < Math.abs(a.start - at) ? b : a));
  return { kind: 'wechat', value: nearest.value, start: nearest.start, end: nearest.end };
}
