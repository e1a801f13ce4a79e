// The contacts a link or a QR card's URL holds in itself: QQ chat buttons, WeChat and QQ cards,
// tel:, sms: and mailto: links; nothing from ordinary links or hostile strings.
import { describe, expect, it } from 'vitest';
import { linkContacts, qrTextContacts } from '../../classifiers/index.js';

describe('contacts in links', () => {
  it('reads the QQ number of chat buttons in their web and app forms', () => {
    for (const link of [
      'http://wpa.qq.com/msgrd?v=3&uin=3051234567&site=qq&menu=yes',
      'https://wpa.qq.com/msgrd?uin=3051234567',
      'tencent://message/?uin=3051234567&Site=证书&Menu=yes',
      'mqqwpa://im/chat?chat_type=wpa&uin=3051234567&version=1',
      // The button's online-status icon.
      'http://wpa.qq.com/pa?p=2:3051234567:41',
    ]) expect(linkContacts(link), link).toEqual([{ kind: 'qq', value: '3051234567' }]);
    // Not a QQ number: too short, leading zero, letters.
    for (const bad of ['http://wpa.qq.com/msgrd?uin=1234', 'http://wpa.qq.com/msgrd?uin=0123456', 'tencent://message/?uin=12ab345']) expect(linkContacts(bad), bad).toEqual([]);
  });

  it('keeps the account token of WeChat and QQ cards, so one card on two posts links them', () => {
    expect(linkContacts('https://u.wechat.com/EJzTk7oXbXrGhKZxq0wL1bE')).toEqual([{ kind: 'wechat', value: 'qr:EJzTk7oXbXrGhKZxq0wL1bE' }]);
    expect(linkContacts('http://weixin.qq.com/r/mUzG0ovE4Wz7rQ8K90kw')).toEqual([{ kind: 'wechat', value: 'qr:mUzG0ovE4Wz7rQ8K90kw' }]);
    expect(linkContacts('https://qm.qq.com/cgi-bin/qm/qr?k=abcDEF123&noverify=0')).toEqual([{ kind: 'qq', value: 'qr:abcDEF123' }]);
    // A QR code holding a card reads the same as the link (and its host, which the linker never uses).
    expect(qrTextContacts('https://u.wechat.com/EJzTk7oXbXrGhKZxq0wL1bE')).toContainEqual({ kind: 'wechat', value: 'qr:EJzTk7oXbXrGhKZxq0wL1bE' });
    // The sites' own pages are not cards.
    for (const page of ['https://weixin.qq.com/', 'https://weixin.qq.com/cgi-bin/readtemplate?t=x', 'https://u.wechat.com/', 'https://u.wechat.com/a/b', 'https://u.wechat.com/<script>']) expect(linkContacts(page), page).toEqual([]);
  });

  it('reads mobile phones of tel: and sms: links, e-mail of mailto:, and nothing else', () => {
    expect(linkContacts('tel:+86-139-0000-1111')).toEqual([{ kind: 'phone', value: '13900001111' }]);
    expect(linkContacts('tel:0086 13900001111')).toEqual([{ kind: 'phone', value: '13900001111' }]);
    expect(linkContacts('sms:13900001111?body=办证')).toEqual([{ kind: 'phone', value: '13900001111' }]);
    expect(linkContacts('mailto:zs_banzheng@163.com?subject=咨询')).toEqual([{ kind: 'email', value: 'zs_banzheng@163.com' }]);
    for (const other of ['tel:010-12345678', 'https://example.com/?uin=3051234567', 'javascript:alert(1)', 'not a url', `https://u.wechat.com/${'a'.repeat(3000)}`, '']) expect(linkContacts(other), other).toEqual([]);
  });
});
