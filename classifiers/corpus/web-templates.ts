// Web-listing genres the real sets (mostly SMS and e-mail) lack: replies that point to a seller,
// service menus, offers citing a clone query site — and their look-alikes, honest replies among them.
import type { CorpusRandom } from './corpus-random.js';
import type { Draft } from './seller-templates.js';
import { NEIGHBOURS, SPECIAL_OPS } from './vocabulary.js';
import { businessContact, sellerContact } from './contact-phrases.js';

// Each pool is a way of saying one thing; a template takes one of each, so no phrase is the signal.
const EASY = ['不用去考', '考试这块不用管', '不会考也没事', '不用上课', '培训考试都省了', '本人不用跑', '免去考试环节', '省掉学习时间', '不看文化程度', '没基础也行'];
const LOOKS_REAL = ['系统里查得到', '能在网上查询', '官方平台有档案', '查询入口能查', '录入系统的', '扫码出信息', '信息可以查到', '单位查也没问题', '年审复审正常走', '跟正常考的一样'];
const PROMISE = ['办不下来全退', '不成不收钱', '先看证再付款', '可以先付定金', '拿到手再结清', '有保障', '口碑老店', '做了好几年了', '上千人办过', '朋友都在这办'];
const FAST = ['一周左右', '十来天', '最快三天', '半个月内', '月底前', '下周就有'];
const POINTER = ['私我', '滴滴我', '看我主页', '戳头像', '找我就行', '加我细聊', '留个号我加你', '联系方式在下面', '号码发你了，注意查收', '可以问我'];
const ASIDE = ['', '', '纯手打', '亲测', '不是广告', '说句实话', '过来人说一句', '懂的都懂', '别走弯路了'];
const MENU_HEADS: Array<[string, string, string, string]> = [
  ['可办证书', '办理优势', '办理时间', '办理费用'],
  ['业务范围', '我们承诺', '周期', '价格'],
  ['项目', '特色', '时效', '收费'],
  ['可做类别', '保障', '出证时间', '费用说明'],
];
const certOf = (r: CorpusRandom) => r.pick(r.chance(0.7) ? SPECIAL_OPS : NEIGHBOURS);

/**
 * A clone of the official query site as sellers cite it: real-data URLs sit almost only in spam and
 * notices (340 negatives, 1 seller ad), so without these a cited URL reads as "not a seller".
 */
const cloneUrl = (r: CorpusRandom) => {
  const host = r.pick([
    () => `www.${r.domain()}`,
    () => `${r.pick(['cx', 'query', 'zs', 'check', 'yz'])}.${r.domain()}`,
    () => `${r.pick(['tzzy', 'aqsc', 'mem', 'zscx', 'czz'])}${r.pick(['-cx', 'cx', '-query', ''])}${r.int(1, 99)}.${r.pick(['top', 'xyz', 'cn', 'com', 'net', 'vip'])}`,
  ])();
  // Bare addresses are rarer than domains on the real web (and the sandbox's clones are all bare: not their shape to learn).
  const bare = `${r.int(40, 223)}.${r.int(1, 254)}.${r.int(1, 254)}.${r.int(1, 254)}${r.chance(0.5) ? `:${r.pick([80, 8080, 8888, 9000])}` : ''}`;
  if (r.chance(0.1)) return `http://${bare}${r.pick(['', '/', '/cx.php'])}`;
  const path = r.pick(['', '/', '/index.htm', '/query.html', '/cx.php', `/cert?id=${r.int(100000, 999999)}`, '/search.aspx', '/zs/']);
  return `${r.pick(['http://', 'https://', '', 'http://'])}${host}${path}`;
};
const OFFICIAL_URL = ['http://cx.mem.gov.cn/', 'https://cx.mem.gov.cn/special', 'www.mem.gov.cn', 'http://www.chinamine-safety.gov.cn/', 'https://zwfw.mem.gov.cn/', 'http://gjzwfw.www.gov.cn/'];

export const WEB_SELLER_TEMPLATES: Array<(r: CorpusRandom) => Draft> = [
  // A reply under someone's question: the certificate may be named only in the thread's title.
  (r) => ({
    text: [r.pick(ASIDE), r.pick(['我当时也是这情况', '这事我帮好几个工友弄过', '别去报班了', '正规考要排队好几个月', '我身边人都是这么拿的', '楼主这个我能搞定']), r.chance(0.5) ? certOf(r) : '', r.pick(EASY), r.pick(LOOKS_REAL), r.chance(0.5) ? r.pick(PROMISE) : '', r.pick(POINTER), r.chance(0.7) ? sellerContact(r) : '']
      .filter(Boolean)
      .join(r.pick(['，', '，', '。', ' ', '～'])),
    style: r.pick(['comment', 'qa', 'forum']),
    template: 'web-reply-pointer',
  }),
  // A classified laid out as a menu of fields: what, why, how long, how much.
  (r) => {
    const [what, why, when, cost] = r.pick(MENU_HEADS);
    const certs = r.some([...SPECIAL_OPS, ...NEIGHBOURS], 2, 5);
    const box = (h: string) => r.pick([`【${h}】`, `${h}：`, `◆${h}：`, `${h}｜`]);
    const lines = [
      `${box(what)}${certs.join(r.pick(['、', '/', ' ']))}`,
      `${box(why)}${r.some([...EASY, ...LOOKS_REAL, ...PROMISE], 2, 3).join('、')}`,
      `${box(when)}${r.pick(FAST)}`,
      `${box(cost)}${r.int(3, 19)}00元${r.pick(['起', '左右', '/本', '，多本优惠'])}`,
      r.chance(0.75) ? sellerContact(r) : r.pick(['电话点击查看', '联系方式见图', '扫码咨询']),
    ];
    return { title: `${certs[0]}${r.pick(['办理', '快速办', '直接拿', ''])}${r.pick(['', ' ' + r.pick(LOOKS_REAL), ' ' + r.pick(EASY)])}`, text: lines.join('\n'), style: 'classified', template: 'web-service-menu' };
  },
  // An offer that cites its own "official" query site (a clone) as proof the certificate is real.
  (r) => {
    const cert = certOf(r);
    return {
      ...(r.chance(0.5) ? { title: `${cert}${r.pick(['办理', '出证', '代办', ''])} ${r.pick(LOOKS_REAL)}` } : {}),
      text: [
        `${r.pick(['办理', '可出', '承接', '长期办'])}${cert}${r.chance(0.4) ? '、' + certOf(r) : ''}`,
        r.pick(EASY),
        r.chance(0.5) ? r.pick(FAST) : '',
        `${r.pick(['证书查询网址', '官网查询', '出证后上网查', '真伪查询', '查询入口', '录入后可查'])}${r.pick(['：', ':', ' ', '→'])}${cloneUrl(r)}`,
        r.chance(0.8) ? sellerContact(r) : '',
      ].filter(Boolean).join(r.pick(['，', '。', ' ', '\n'])),
      style: r.pick(['forum', 'classified', 'qa']),
      template: 'web-cites-clone',
    };
  },
  // A question-titled thread whose own body is the offer.
  (r) => {
    const cert = certOf(r);
    return {
      title: r.pick([`${cert}有没有快的办法？`, `求问${cert}怎么拿`, `${r.city()}哪里能办${cert}`, `${cert}考了三次没过怎么办`]),
      text: [r.pick(['自问自答一下', '分享个路子', '看到好多人问', '统一回复']), r.pick(['我们这边', '我这里', '有个渠道']), `${r.pick(['能出', '可以办', '直接做'])}${cert}`, r.pick(EASY), r.pick(LOOKS_REAL), r.pick(FAST), sellerContact(r)].join(r.pick(['，', '。', ' '])),
      style: 'forum',
      template: 'web-question-offer',
    };
  },
];

// Forum users' own replies: the genre the pointer replies above hide in, so it must be known as not selling.
const STOCK_REPLY = ['路过', '顶', '顶一下', '学习了', '学习一下', '谢谢分享', '感谢楼主', '楼主好人', '支持楼主', '同问', '马克一下', 'mark', '插眼', '蹲一个', '我也想知道', '坐等答案', '有用，收藏了', '说得对', '+1', '沙发', '前排', '已收藏', '好帖', '同感', '涨知识了'];
const HONEST_ADVICE = [
  '老老实实去考吧，买来的证查不到的', '别信那些不用考试的，都是骗子', '可以去当地应急管理局官网查真伪', '我去年在{city}考的，理论加实操一个月左右',
  '这种广告见多了，交了钱就拉黑', '正规培训机构报名就行，考试不难', '{cert}复审只要按时参加培训就可以', '实操多练几次就过了，理论刷题库',
  '单位组织报名的话费用能报销', '考点一般在安全培训中心，自己打电话问问', '证书到期前三个月就要准备复审了', '听说现在查得严，假证被查到要罚款',
  '楼上说的对，别贪便宜', '我同事买了个假证，工地一查就露馅了', '题库在官方APP上就能练', '报名要身份证复印件和照片，别的不用',
];
const QUESTION_REPLY = ['请问{city}哪里能报名{cert}？', '{cert}考试难不难？', '同问，楼主后来考了吗？', '{cert}要培训多久？', '想问下{cert}复审怎么弄', '有没有{city}的一起报名的', '大家考{cert}花了多少钱？'];

const GOODS = ['增值税专票', '普票', '专票', '各类票据', '运输票', '建材票', '餐饮票', '住宿票', '劳务票', '服务费票'];

export const WEB_NEGATIVE_TEMPLATES: Array<[weight: number, make: (r: CorpusRandom) => Draft & { kind: string }]> = [
  // Invoice sellers laid out as listings: they say 可验 and 保真 too, but sell no certificate.
  [5, (r) => ({
    kind: 'fake_invoice',
    title: `${r.city()}${r.pick(['开票', '票务', '代开', '税票'])}${r.pick(['', ' 可验', ' 保真', ' 点低'])}`,
    text: [r.some(GOODS, 2, 4).join(r.pick([' ', '、', '/'])), r.pick(['真票可验', '可查验', '网上验真', '保真', '验后付', '先验后付']), r.pick(['点数低', '税点好谈', '长期合作', '量大优惠', '当天出票']), r.pick([`微信${r.wechatId()}`, `V：${r.wechatId()}`, `电话${r.phone()}`, `QQ${r.qq()}`])]
      .join(r.pick([' ', '，', ' | '])),
    style: 'classified',
    template: 'web-invoice-listing',
  })],
  // Honest replies under a thread: stock words, advice, questions — short like the pointer replies.
  [9, (r) => {
    const fill = (t: string) => t.replace('{city}', r.city()).replace('{cert}', certOf(r));
    const kind = r.next();
    const text = kind < 0.4 ? r.pick(STOCK_REPLY) + r.pick(['', '', '！', '。', '~', '👍']) : kind < 0.75 ? fill(r.pick(HONEST_ADVICE)) : fill(r.pick(QUESTION_REPLY));
    return { kind: 'chat', text, style: r.pick(['comment', 'forum', 'qa']), template: 'web-reply-honest' };
  }],
  // Honest pointers to the official query site: guides, employers and schools cite a URL too.
  [5, (r) => {
    const cert = certOf(r);
    const url = r.pick(OFFICIAL_URL);
    const text = r.pick([
      `${cert}真伪怎么查？登录应急管理部政府网站的特种作业操作证查询（${url}），输入身份证号和姓名即可。查不到的证书就是假证，别上当。`,
      `提醒各位：网上说“不用考试、官网可查”的都是骗局，他们给的查询网址是仿冒的。正规查询只认 ${url}`,
      `我公司招聘${r.pick(['电工', '焊工', '架子工', '叉车司机'])}，要求持${cert}，入职时在 ${url} 核验证书。${businessContact(r)}`,
      `本校学员考试合格后，证书信息可在 ${url} 查询。${r.pick(['报名', '咨询'])}请到${r.city()}校区。${businessContact(r)}`,
      `${r.city()}应急管理局：近期发现多个仿冒证书查询网站，请通过 ${url} 查询${cert}，勿轻信他人提供的链接。`,
    ]);
    return { kind: r.pick(['verify_guide', 'job_post', 'training_school', 'news']), text, style: r.pick(['forum', 'news', 'job', 'classified']), template: 'web-official-url' };
  }],
  // Training centres listing the certificates they prepare people for, as a menu with prices.
  [4, (r) => ({
    kind: 'training_school',
    title: `${r.city()}${r.pick(['安全培训中心', '职业技能培训学校', '特种作业考试点'])} ${r.pick(['常年招生', '本月开班', '报名中'])}`,
    text: `${r.pick(['【培训项目】', '开设课程：', '◆项目：'])}${r.some([...SPECIAL_OPS, ...NEIGHBOURS], 2, 4).join('、')}\n${r.pick(['【学习方式】', '上课：', '◆方式：'])}${r.pick(['理论+实操，周末班', '白天班/晚班', '线上理论，线下实操'])}\n${r.pick(['【考试】', '考核：', '◆考试：'])}${r.pick(['应急管理局统一考试，合格发证', '考试合格后官网可查', '考点统一安排'])}\n${r.pick(['【费用】', '学费：', '◆费用：'])}${r.int(6, 19)}00元${r.pick(['（含教材）', '，可开发票', ''])}\n${businessContact(r)}`,
    style: 'classified',
    template: 'web-school-menu',
  })],
];
