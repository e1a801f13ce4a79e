// Contacts a link, a picture's URL or a QR code's URL carries in itself: a seller site's "QQ交谈" button
// holds the QQ number only in its href and icon, a WeChat QR card an account token, "拨打电话" a tel: URL.
import type { Contact } from '../types.js';
import { extractContacts } from './extract-contacts.js';

const QQ_NUMBER = /^[1-9]\d{4,10}$/;
// WeChat and QQ card tokens: opaque, stable per account until the owner resets them.
const TOKEN = /^[A-Za-z0-9_-]{6,64}$/;
// QQ chat links: wpa.qq.com/msgrd?uin=, tencent://message/?uin=, mqqwpa://im/chat?uin= and kin.
const QQ_CHAT_HOSTS = new Set(['wpa.qq.com', 'wpa.b.qq.com', 'wp.qq.com']);
const QQ_SCHEMES = new Set(['tencent:', 'mqqwpa:', 'mqq:', 'mqqapi:']);
const MAYBE_CONTACT = /^\s*(?:tel|sms|mailto|tencent|mqq\w*):|qq\.com|wechat\.com/i;

/** The contacts in one URL (a post's link or a QR code's text); [] for any other URL or none. */
export function linkContacts(link: string): Contact[] {
  const raw = link.trim();
  // Most links are none of these: they are told apart before any URL parse (a page has hundreds).
  if (raw.length > 2000 || !MAYBE_CONTACT.test(raw)) return [];
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [];
  }
  const scheme = u.protocol.toLowerCase();
  if (scheme === 'tel:' || scheme === 'sms:') {
    // +86 and 0086 prefixes, dashes and spaces: the text rules read what is left as any phone.
    const digits = decodeURIComponent(u.pathname).replace(/[^\d+]/g, '').replace(/^(?:\+|00)86/, '');
    return extractContacts(`电话 ${digits}`).filter((c) => c.kind === 'phone');
  }
  if (scheme === 'mailto:') return extractContacts(decodeURIComponent(u.pathname).split('?')[0]!).filter((c) => c.kind === 'email');
  const host = u.hostname.toLowerCase();
  const uin = () => {
    const v = u.searchParams.get('uin') ?? /(?:^|[?&])uin=(\d+)/i.exec(u.search || u.pathname)?.[1] ?? null;
    return v && QQ_NUMBER.test(v) ? [{ kind: 'qq' as const, value: v }] : [];
  };
  if (QQ_SCHEMES.has(scheme)) return uin();
  if (scheme !== 'http:' && scheme !== 'https:') return [];
  if (QQ_CHAT_HOSTS.has(host)) {
    // The button's own picture names the number too: wpa.qq.com/pa?p=2:<uin>:41 (the online-status icon).
    const icon = /^2:([1-9]\d{4,10}):\d+$/.exec(u.searchParams.get('p') ?? '');
    return icon ? [{ kind: 'qq', value: icon[1]! }] : uin();
  }
  const path = u.pathname.split('/').filter(Boolean);
  // A personal WeChat card: u.wechat.com/<token>; weixin.qq.com/r/<token> (also official accounts).
  if (host === 'u.wechat.com' && path.length === 1 && TOKEN.test(path[0]!)) return [{ kind: 'wechat', value: `qr:${path[0]}` }];
  if (host === 'weixin.qq.com' && path.length === 2 && (path[0] === 'r' || path[0] === 'g') && TOKEN.test(path[1]!)) return [{ kind: 'wechat', value: `qr:${path[1]}` }];
  // A QQ add-friend card: qm.qq.com/cgi-bin/qm/qr?k=<token>.
  if (host === 'qm.qq.com') {
    const k = u.searchParams.get('k');
    if (k && TOKEN.test(k)) return [{ kind: 'qq', value: `qr:${k}` }];
  }
  return [];
}
