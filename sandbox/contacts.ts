// Seller contacts: generation of plausible ids and the obfuscated ways sellers write them.
// Values are kept in the classify contract's normal form; rendering only changes the text.
import { Rng } from './random.js';
import { PHONE_WORDS, QQ_WORDS, WECHAT_WORDS } from './content/seller-ads.js';

export type ContactKind = 'phone' | 'wechat' | 'qq' | 'email' | 'url';
export interface Contact {
  kind: ContactKind;
  /** Normal form: phone 11 digits, wechat/qq/email lower-case, url host[:port]. */
  value: string;
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '173', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];
const WECHAT_STEMS = ['banzheng', 'zs', 'zhengshu', 'dgz', 'hgz', 'kaozheng', 'anquan', 'tezhong', 'xiaoliu', 'laowang', 'zhang', 'cert', 'zhengjian', 'jishu', 'shangang', 'chizheng', 'lishi', 'haoge', 'fangjie', 'yang'];

export function makePhone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}
export function makeWechat(rng: Rng): string {
  const stem = rng.pick(WECHAT_STEMS);
  const joiner = rng.pick(['', '_', '-', '']);
  const tail = rng.chance(0.5) ? rng.digits(rng.int(3, 6)) : rng.pick(['520', '666', '888', '2024', '1688', '9527', '0101']) + rng.digits(2);
  // WeChat ids start with a letter and are 6–20 chars.
  return (stem + joiner + tail).slice(0, 20);
}
export function makeQq(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.digits(rng.int(6, 9));
}
export function makeEmail(rng: Rng, qq?: string): string {
  if (qq && rng.chance(0.6)) return `${qq}@qq.com`;
  return `${makeWechat(rng).replace(/-/g, '_')}@${rng.pick(['163.com', '126.com', 'sina.com', 'foxmail.com'])}`;
}

const FULL_DIGITS = '０１２３４５６７８９';
const CN_DIGITS = '〇一二三四五六七八九';
const CN_CAPITAL = '零壹贰叁肆伍陆柒捌玖';
const KEYCAP = (d: string) => `${d}\uFE0F\u20E3`;

export type PhoneStyle = 'plain' | 'dashed' | 'spaced' | 'fullwidth' | 'chinese' | 'capital' | 'keycap' | 'dotted' | 'mixed' | 'yao';
export const PHONE_STYLES: readonly PhoneStyle[] = ['plain', 'dashed', 'spaced', 'fullwidth', 'chinese', 'capital', 'keycap', 'dotted', 'mixed', 'yao'];

export function renderPhoneDigits(phone: string, style: PhoneStyle, rng: Rng): string {
  const d = [...phone];
  switch (style) {
    case 'plain': return phone;
    case 'dashed': return `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    case 'spaced': return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    case 'fullwidth': return d.map((c) => FULL_DIGITS[+c]).join('');
    case 'chinese': return d.map((c) => CN_DIGITS[+c]).join('');
    case 'capital': return d.map((c) => CN_CAPITAL[+c]).join('');
    case 'keycap': return d.map(KEYCAP).join('');
    case 'dotted': return d.join('.');
    case 'mixed': return d.map((c) => (rng.chance(0.5) ? CN_DIGITS[+c] : c)).join('');
    case 'yao': return d.map((c) => (c === '1' ? '幺' : CN_DIGITS[+c])).join('');
  }
}

function fullwidthAscii(s: string): string {
  return [...s].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
}

/** One contact as a seller would write it in running text. */
export function renderContact(c: Contact, rng: Rng, opts: { sameAsPhone?: boolean } = {}): string {
  const sep = rng.pick(['：', ':', ' ', '：', '', '→', '~']);
  switch (c.kind) {
    case 'phone': {
      const style = rng.pick(PHONE_STYLES);
      const digits = renderPhoneDigits(c.value, style, rng);
      const tail = opts.sameAsPhone ? rng.pick(['（微信同号）', ' 微信同号', '（V同号）']) : '';
      return `${rng.pick(PHONE_WORDS)}${sep}${digits}${tail}`;
    }
    case 'wechat': {
      const word = rng.pick(WECHAT_WORDS);
      let id = c.value;
      const r = rng.next();
      if (r < 0.15) id = id.toUpperCase();
      else if (r < 0.25) id = fullwidthAscii(id);
      const deco = rng.pick(['', '', ' 🌹', ' ✅', '（备注来意）', ' 💯']);
      return `${word}${sep}${id}${deco}`;
    }
    case 'qq': {
      const v = rng.chance(0.25) ? [...c.value].map((ch) => CN_DIGITS[+ch]).join('') : rng.chance(0.3) ? fullwidthAscii(c.value) : c.value;
      return `${rng.pick(QQ_WORDS)}${sep}${v}`;
    }
    case 'email': {
      if (rng.chance(0.4)) return `邮箱${sep}${c.value.replace('@', '#')}（#换成@）`;
      return `邮箱${sep}${c.value}`;
    }
    case 'url':
      return `${rng.pick(['官网', '查询网址', '网站', '官方网站'])}${sep}http://${c.value}/`;
  }
}
