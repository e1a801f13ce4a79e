// The contact-extraction table: obfuscated contacts that must be found in their
// normal form, and decoys (IDs, prices, dates, order/ICP numbers, official accounts) that must not.
import { describe, expect, it } from 'vitest';
import { extractContacts } from '../../classifiers/index.js';
import type { Contact } from '../../classifiers/index.js';

const P = (value: string): Contact => ({ kind: 'phone', value });
const W = (value: string): Contact => ({ kind: 'wechat', value });
const Q = (value: string): Contact => ({ kind: 'qq', value });
const E = (value: string): Contact => ({ kind: 'email', value });
const U = (value: string): Contact => ({ kind: 'url', value });

const TABLE: Array<[string, Contact[]]> = [
  // Phones: plain, separated, prefixed, numerals, enclosed and full-width digits.
  ['电话13812345678', [P('13812345678')]],
  ['电话：138-1234-5678', [P('13812345678')]],
  ['手机 138 1234 5678 王经理', [P('13812345678')]],
  ['tel:138.1234.5678', [P('13812345678')]],
  ['+86 139 1234 5678', [P('13912345678')]],
  ['+8613912345678', [P('13912345678')]],
  ['0086-15912345678', [P('15912345678')]],
  ['联系：1 5 9 1 2 3 4 5 6 7 8', [P('15912345678')]],
  ['电话 一三八一二三四五六七八', [P('13812345678')]],
  ['电话 壹叁捌 壹贰叁肆 伍陆柒捌', [P('13812345678')]],
  ['手机幺三八幺二三四五六七八', [P('13812345678')]],
  ['电话：➀➂➇➀➁➂➃➄➅➆➇', [P('13812345678')]],
  ['电话：①③⑧①②③④⑤⑥⑦⑧', [P('13812345678')]],
  ['电话：１３８１２３４５６７８', [P('13812345678')]],
  ['电话 ❶❸❽ ❶❷❸❹ ❺❻❼❽', [P('13812345678')]],
  ['电话138★1234★5678', [P('13812345678')]],
  ['电话：138O1234567', [P('13801234567')]],
  ['手机号 18O0l234567', [P('18001234567')]],
  ['电话13812345678 15912345678', [P('13812345678'), P('15912345678')]],
  ['电话：1３8-1234-5６78', [P('13812345678')]],
  ['電話：13812345678', [P('13812345678')]],
  ['电话:17668525574 微信:17533195290', [P('17668525574'), W('17533195290')]],
  // WeChat: every cue variant, ids as written, lower-cased.
  ['微信：abc_123', [W('abc_123')]],
  ['薇信 zhengshu88', [W('zhengshu88')]],
  ['威信号：Cert-2024', [W('cert-2024')]],
  ['徽信 dgz8888', [W('dgz8888')]],
  ['V信：kz12345', [W('kz12345')]],
  ['vx: ZS_zheng01', [W('zs_zheng01')]],
  ['wx：banzheng66', [W('banzheng66')]],
  ['➕V：dgz8888', [W('dgz8888')]],
  ['+v dgz8888', [W('dgz8888')]],
  ['加V❤ laoli520', [W('laoli520')]],
  ['V❤：laoli520', [W('laoli520')]],
  ['Ⓥ信：xiaowang9', [W('xiaowang9')]],
  ['🅥x：xiaowang9', [W('xiaowang9')]],
  ['ｖｘ：ｋｚ１２３４５', [W('kz12345')]],
  ['微 信 号 ： tz2024cert', [W('tz2024cert')]],
  ['微❤信 tz2024cert', [W('tz2024cert')]],
  ['微信号是aq_cert01，备注办证', [W('aq_cert01')]],
  ['加我wxid_abcd1234', [W('wxid_abcd1234')]],
  ['请加kg5x1hyec', [W('kg5x1hyec')]],
  ['微信：596878686', [W('596878686')]],
  ['weixin: laoli520', [W('laoli520')]],
  // The cue glued to the id, no separator.
  ['vxhaoge_202488', [W('haoge_202488')]],
  // Arrows, tildes and the 卫星 slang between cue and id.
  ['vx→dgz201', [W('dgz201')]],
  ['V~tezhong88', [W('tezhong88')]],
  ['卫星→dgz-7345', [W('dgz-7345')]],
  ['联系卫星ｆａｎｇｊｉｅ－３０８５０', [W('fangjie-30850')]],
  ['QQ→123456789', [Q('123456789')]],
  ['有需要的加VXhaoge_202488', [W('haoge_202488')]],
  ['wxzs2024cert 随时在线', [W('zs2024cert')]],
  ['v信laowang88', [W('laowang88')]],
  ['V❤laowang88', [W('laowang88')]],
  ['微信haoge_202488', [W('haoge_202488')]],
  ['weixinhaoge_202488', [W('haoge_202488')]],
  ['vxlanxiang_88', [W('lanxiang_88')]],
  // Same number for phone and WeChat.
  ['电话微信同号13812345678', [P('13812345678'), W('13812345678')]],
  ['13812345678微信同号', [P('13812345678'), W('13812345678')]],
  ['电微同号 138 1234 5678', [P('13812345678'), W('13812345678')]],
  ['手机微信同步17926641847', [P('17926641847'), W('17926641847')]],
  ['联系电话/微信 13555548170', [P('13555548170'), W('13555548170')]],
  ['电话13200706466，微信也是这号', [P('13200706466'), W('13200706466')]],
  ['手机（微信同号）：一三八 一二三四 五六七八', [P('13812345678'), W('13812345678')]],
  // QQ: cues and variants.
  ['QQ：2307958555', [Q('2307958555')]],
  ['qq 87340944', [Q('87340944')]],
  ['扣扣：12345678', [Q('12345678')]],
  ['企鹅 123456789', [Q('123456789')]],
  ['Ｑ Ｑ：５９６８７８６８６', [Q('596878686')]],
  ['加Q：936457987', [Q('936457987')]],
  ['QQ群：599080446', [Q('599080446')]],
  ['QQ2675828111王老师', [Q('2675828111')]],
  ['QQ:909299940 电话13436906227', [Q('909299940'), P('13436906227')]],
  // E-mail and URLs.
  ['邮箱：Cert.Sale@163.com', [E('cert.sale@163.com')]],
  ['xyz272@163.com', [E('xyz272@163.com')]],
  ['官网 www.DGZ-cert.com/cx', [U('dgz-cert.com')]],
  ['查询网址：https://cx-mem.top/query?id=1', [U('cx-mem.top')]],
  ['http://127.0.0.10:8080/price', [U('127.0.0.10:8080')]],
  ['网站：dgz-cert点com', [U('dgz-cert.com')]],
  ['网址 dgz-cert[.]com', [U('dgz-cert.com')]],
  ['网址 zhengshu888。cn', [U('zhengshu888.cn')]],
  ['证书查询：zs-cx.com.cn', [U('zs-cx.com.cn')]],
  ['https://www.Example-Seller.net:8443/a', [U('example-seller.net:8443')]],
  // Real-world spellings (issue 12): a phone glued to following Latin letters …
  ['电话13812345678abc', [P('13812345678')]],
  ['13812345678HQ办证 包过', [P('13812345678')]],
  // … after a registration-like word that ends like a decoy …
  ['办证号13812345678', [P('13812345678')]],
  ['考证号码：13812345678', [P('13812345678')]],
  ['注册账号 13812345678', [P('13812345678')]],
  // … one number announced by several cues at once …
  ['电话 QQ 微信 13812345678', [P('13812345678'), W('13812345678'), Q('13812345678')]],
  ['微信/电话：15912345678', [P('15912345678'), W('15912345678')]],
  ['QQ、微信：2307958555', [W('2307958555'), Q('2307958555')]],
  // … single-character cues …
  ['微：abc12345', [W('abc12345')]],
  ['薇:zheng888', [W('zheng888')]],
  ['加微 laoli520', [W('laoli520')]],
  ['扣：12345678', [Q('12345678')]],
  // … full-width punctuation between a cue and its id …
  ['微信，dgz8888', [W('dgz8888')]],
  ['微信【dgz8888】', [W('dgz8888')]],
  ['QQ；87340944', [Q('87340944')]],
  ['微信「cert_2024」', [W('cert_2024')]],
  // … digits spaced out with separators between the groups.
  ['电话 138 - 1234 - 5678', [P('13812345678')]],
  ['1 3 8 - 1 2 3 4 - 5 6 7 8', [P('13812345678')]],
  ['手机：138—1234—5678', [P('13812345678')]],
  // Their decoys: letters that run on into an id, an id's digits, a certificate number, a lone 微.
  ['13812345678abc1', []],
  ['13812345678_vip', []],
  ['证号 13812345678', []],
  ['稍微: 12345', []],
  ['折扣：12345678', []],
  ['微软windows10', []],
  ['2024 - 05 - 01 - 12', []],
  // Decoys: never a contact.
  ['身份证号：110105199001011234', []],
  ['证书编号：T110105199001011234', []],
  ['证号 晋A012008000001', []],
  ['订单号13812345678', []],
  ['快递单号：13812345678', []],
  ['京ICP备13812345号-1', []],
  ['价格1380/1280/980元', []],
  ['已有13812345678人办理', []],
  ['价格：13800元', []],
  ['日期：2024-05-01 10:00', []],
  ['时间 2024年11月27日 13:45', []],
  ['固定电话 010-87713797', []],
  ['关注微信公众号：国家安全生产考试', []],
  ['微信搜索国家安全生产考试公众号查询', []],
  ['查询官网 cx.mem.gov.cn', []],
  ['老网址 http://cx.saws.org.cn/', []],
  ['学信网 www.chsi.com.cn 可查', []],
  ['银行卡尾号 6222 0212 3456 7890 123', []],
  ['第12345678期', []],
  ['一二级建造师，三天拿证', []],
  ['卡号：6222021234567890123', []],
  ['TS1234567-2024 特种设备', []],
  ['QQ：xxxxxxxxx', []],
  // Words that start with vx/wx are not a cue glued to an id.
  ['VxWorks 实时操作系统', []],
  ['vxworks7 内核', []],
  ['卫星电视安装，卫星导航', []],
  ['北斗卫星 2024 年发射', []],
  ['用wxWidgets写界面', []],
  ['wxpython_3 教程', []],
  ['配置vxlan100隧道', []],
  ['vxhaoge', []],
  ['wxabc_1', []],
];

describe('extractContacts table', () => {
  it(`has at least 80 rows`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(80);
  });
  for (const [input, expected] of TABLE) {
    it(`${input} → ${expected.map((c) => `${c.kind}:${c.value}`).join(', ') || 'none'}`, () => {
      expect(extractContacts(input)).toEqual(expected);
    });
  }
});
