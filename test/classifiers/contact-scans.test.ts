// The contact finders' scanners against the regex-only contact extraction they replace,
// on random texts built from the pieces every scanner decides on (cues, decoys, digits, hosts).
import { describe, expect, it } from 'vitest';
import { pieceText } from './piece-text.js';
import { contactsFromView } from '../../classifiers/contacts/extract-contacts.js';
import { contactsFromViewReference, findCuedIdsReference, findWebAddressesReference, sameNumberAtReference } from './references/contacts.js';
import { findWebAddresses } from '../../classifiers/contacts/web-addresses.js';
import { findCuedIds, sameNumberAt } from '../../classifiers/contacts/messenger-ids.js';
import { findPhones } from '../../classifiers/contacts/phone-numbers.js';
import { findPhonesReference } from './references/phone-numbers.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

const PIECES = [
  // digits and the groupings phones are written in
  '1', '3', '8', '0', '5', '9', '86', '0086', '138', '1234', '5678', '13812345678', '8613812345678', '008615912345678', '1381234567', '159', '12345', '192.168.1.1', ':8080', '1.5',
  // separators and white space
  ' ', '  ', '\u3000', '\n', '-', '_', '.', '·', '*', '/', '(', '）', '★', '❤', '#', '+', '=', ':', '：', '，', '。', '|', '、', '~', '→', '—', ' - ', '；', '【', '「', ';',
  // letters, ids and hosts
  'a', 'b', 'x', 'z', 't', 'o', 'p', 'tel', 'dh', 'call', 'no', 'icp', 'kg', 'abc_123', 'dgz8888', 'wxid_', 'wxid_abcd1234', 'qq', 'vip', 'wechat', 'kg5x1hyec', 'hq', 'abc',
  '@', 'abc@', 'mail', '://', 'http://', 'https://', 'www.', 'com', 'cn', 'net', 'top', 'com.cn', 'gov.cn', 'qq.com', '163.com', 'example', '点', '[.]', '(点)', ' dot ',
  // cues, 同号 phrases and decoy words
  '微信', '微信号', '微信公众号', '微信群', '加', '添加', '联系', '号', '号码', '是', '为', '电话', '手机', '电', 'qq ', '微信/', '电话、', '同号', '同步', '电微同号', '也是这号', '同手机', '即电话', '和', '/',
  '身份证', '证号', '办证号', '注册账号', '订单', '快递', '备案', '代码', '尾号', '证', '元', '块', '人', '天', '米', '%', '国家安全生产考试', '办证', '王经理',
];

describe('contact scanners', () => {
  it('contactsFromView finds what the regex-only extraction does', () => {
    const rand = seededRandom(41);
    for (let i = 0; i < 40000; i++) {
      const t = pieceText(rand, PIECES, 18);
      expect(contactsFromView(t), t).toEqual(contactsFromViewReference(t));
    }
  });

  it('each finder answers what its regex form does', () => {
    const rand = seededRandom(43);
    for (let i = 0; i < 40000; i++) {
      const t = pieceText(rand, PIECES, 14);
      expect(findWebAddresses(t), t).toEqual(findWebAddressesReference(t));
      expect(findCuedIds(t), t).toEqual(findCuedIdsReference(t));
      expect(sameNumberAt(t), t).toBe(sameNumberAtReference(t));
      expect(findPhones(t), t).toEqual(findPhonesReference(t));
    }
  });

  it('long runs of hosts, digits and separators read as the regexes read them', () => {
    // Each finder walks such runs once; these would show a scanner that re-reads a run per dot or digit.
    const texts = ['a.cc_'.repeat(2000), 'ab.cn-'.repeat(2000), 'ab.c'.repeat(2000) + '.com', '13812345678 '.repeat(500), '1'.repeat(5000), '1-'.repeat(3000), '微信abcdef1 '.repeat(500), '电话13812345678微信同号abc.com '.repeat(200)];
    for (const t of texts) expect(contactsFromView(t)).toEqual(contactsFromViewReference(t));
  });

  it('a page flooded with addresses is read in one go, not one comparison per pair', () => {
    // 100,000 characters (the scan limit) of addresses: the pairwise overlap check took 0.5–3 s per
    // page here; the per-finder binary search takes tens of milliseconds. The bound leaves 10× room.
    for (const unit of ['a@b.cc ', 'x.cc y.top ', 'http://a.com ', '1.2.3.4:80 ']) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      const t0 = performance.now();
      const { found, spans } = findWebAddresses(text);
      expect(performance.now() - t0, unit).toBeLessThan(1000);
      expect(found.length, unit).toBeGreaterThan(7000);
      expect(spans.length, unit).toBeGreaterThanOrEqual(found.length);
    }
    // The overlap rule itself: an e-mail's host is not a second address, a URL's host is not a bare host.
    expect(findWebAddresses('a@b.cc http://x.com/y z.top').found.map((f) => f.contact.value)).toEqual(['a@b.cc', 'x.com', 'z.top']);
  });
});
