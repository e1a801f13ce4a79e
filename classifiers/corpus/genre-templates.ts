// Genres the model missed or over-flagged on unseen real texts (issue 18), written from their
// description: professional-exam fraud, one offer among many services, pinyin key words; and
// the look-alikes — named schools promising 包通过, 出证快 driving schools, property 办证, 挂靠 recruiting.
import type { CorpusRandom } from './corpus-random.js';
import type { Draft } from './seller-templates.js';
import { GENERAL_DOCS, NEIGHBOURS, SPECIAL_OPS } from './vocabulary.js';
import { businessContact, sellerContact } from './contact-phrases.js';

const EXAMS = ['公务员考试', '事业单位招聘考试', '农村信用社招聘考试', '银行招聘考试', '特岗教师考试', '教师招聘考试', '司法考试', '中级会计职称', '初级会计', '注册会计师', '会计从业资格', '经济师考试', '一级建造师', '二级建造师', '造价员考试', '监理工程师', '执业药师', '护士资格考试', '成人高考', '专升本考试', '自学考试', '英语四六级', '计算机等级考试', '证券从业资格', '导游资格考试', '试验检测人员考试', '消防工程师', '人力资源管理师', '教师资格证'];
const LEAK = ['原题', '真题及答案', '考前资料', '稳妥资源', '内部资料', '一手资料', '原卷及解析', '标准答案', '考题', '押题', '绝密资料'];
const PASS = ['包过', '保过', '无悬念通过', '稳过', '一次通过', '高分通过', '顺利上榜', '必过', '零风险'];
const AFTER = ['考后付款', '可后付', '过后再结算', '通过后付费', '上榜后付费', '先考试后付款', '不过不收费', '一题不对分文不取', '不过全额退款', '过了再给钱'];
const PROXY = ['替考', '代考', '枪手代考', '专业替考', '找人替考', '远程代答'];
const URGE = ['名额有限', '错过再等一年', '最后两天优惠', '先到先得', '仅限本周', '免费提供部分题目验证'];
const SIGN = ['教育', '考务网', '培训中心', '学习网', '资料站', '考试服务'];

const qqOrWechat = (r: CorpusRandom) => `${r.pick(['QQ', 'Q', '扣扣', 'qq', '腾讯号', '加Q', '薇', '微信'])}${r.pick([':', '：', '', ' '])}${r.chance(0.7) ? r.qq() : r.wechatId()}`;
const year = (r: CorpusRandom) => r.pick(['', `${r.int(2012, 2026)}年`, `${r.int(12, 26)}年`, '今年', '本期']);
const sign = (r: CorpusRandom) => (r.chance(0.5) ? `【${r.pick(['阳光', '博学', '金榜', '华夏', '启航', '优才'])}${r.pick(SIGN)}】` : '');

/** Services a multi-purpose spammer lists next to (or instead of) certificates. */
const OTHER_SERVICES = [
  '代开各类发票，点数低', '供应群发手机、群发软件', '小额贷款，无抵押当天放款', '网站建设、推广、SEO优化', '代办出国签证、移民咨询',
  '公司注册、代理记账', '各类翻译服务', '租车、代驾、机场接送', '二手手机批发', '出售各类手机卡、上网卡', '代收代付、POS机办理',
  '婚庆策划、摄影摄像', '打印复印、喷绘写真', '家电维修、管道疏通', '物流托运、搬家服务',
];
const CERT_ITEMS = (r: CorpusRandom) => r.pick([
  `代办各类证件：${r.some(GENERAL_DOCS, 2, 4).join('、')}`,
  `${r.pick(SPECIAL_OPS)}、${r.pick(NEIGHBOURS)}等${r.pick(['免考办理', '直接出证', '不用考试，官网可查'])}`,
  `各院校毕业证、学位证${r.pick(['，网上可查', '，档案齐全', ''])}`,
  `刻制各类印章，办理${r.pick(['资格证', '职称证', '驾驶证', '身份证'])}`,
  `${r.pick(['办证', '制证', '做证'])}刻章，${r.pick(['质量保证', '以假乱真', '货到付款'])}`,
]);

/** A key word spelled in pinyin or a homophone, the way short SMS ads dodge filters. */
const PINYIN_KEY = ['ban证', '办zheng', 'banzheng', 'b证', 'bz', '办zh', '做zheng', 'ban各类证', '办zhen', 'zheng件', '证jian', 'ke章', '刻zhang', 'wen凭', '学li', 'dai考', '替kao', '包guo', '免kao', 'BZ', '伴证', '扮证', '瓣证'];

export const GENRE_SELLER_TEMPLATES: Array<(r: CorpusRandom) => Draft> = [
  // Professional-exam fraud in the SMS style: leaked questions, a sure pass, pay afterwards.
  (r) => {
    const parts = [
      r.pick(['尊敬的学员：', '考生您好，', '亲，', `尊敬的${r.person()}您好，`, '', '']),
      `${r.pick(['提供', '独家', '内部', '权威渠道提供', ''])}${year(r)}${r.pick(['', r.city()])}${r.pick(EXAMS)}${r.pick(LEAK)}`,
      r.pick(PASS),
      r.chance(0.7) ? r.pick(AFTER) : '',
      r.chance(0.4) ? r.pick(URGE) : '',
      `${r.pick(['详询', '联系', '速加', '咨询', ''])}${qqOrWechat(r)}`,
    ];
    return { text: parts.filter(Boolean).join(r.pick(['，', '。', '', ' ', '；'])) + sign(r), style: r.pick(['sms', 'sms', 'comment', 'forum']), template: 'pro-exam-fraud' };
  },
  // Proxy exam takers.
  (r) => ({
    text: `${r.pick(PROXY)}${r.pick(['：', '，', ''])}${r.some(EXAMS, 1, 3).join('、')}${r.pick(['', '等'])}，${r.pick(PASS)}，${r.pick(AFTER)}${r.chance(0.5) ? '，' + r.pick(['身份证照片处理', '本人无需到场', '可签协议', '多年经验']) : ''}，${qqOrWechat(r)}`,
    style: r.pick(['sms', 'comment', 'classified']),
    template: 'proxy-exam',
  }),
  // A long multi-service e-mail: the certificate offer is one numbered item among many.
  (r) => {
    const items = r.some(OTHER_SERVICES, 4, 10);
    items.splice(r.int(0, items.length), 0, CERT_ITEMS(r));
    const intro = r.pick(['您好！本公司是一家综合性服务公司，诚信经营多年，业务如下：', '恭喜发财！打扰了，本人长期承接以下业务，欢迎来电：', '尊敬的客户：感谢您一直以来的支持，现将本公司服务项目介绍如下，有需要请保留此邮件。', '新年好！我司业务范围广，价格实惠，保密性强，具体如下：']);
    const filler = r.chance(0.5) ? `\n${r.pick(['本公司信誉第一，客户至上，多年来服务客户上万家。', '所有业务均可先验后付，欢迎新老客户来电咨询洽谈。', '如有打扰敬请谅解，本邮件由系统自动发送，请勿直接回复。'])}` : '';
    return {
      text: `${intro}\n${items.map((l, i) => `${i + 1}${r.pick(['、', '. ', '）', ' '])}${l}`).join('\n')}${filler}\n${r.pick(['联系人', '负责人', '咨询'])}：${r.person()} ${sellerContact(r)}`,
      style: r.pick(['sms', 'forum']),
      template: 'multi-service-mail',
    };
  },
  // Short ad: one key word in pinyin or a homophone, and a number.
  (r) => ({
    text: `${r.pick(['', r.city(), '本地', '长期'])}${r.pick(PINYIN_KEY)}${r.pick(['', '刻章', '各类', '证件', r.pick(['学li', 'zi格'])])}${r.pick(['', ' ', '，', '~'])}${r.pick(['', '电', '详', '联系', 'T'])}${r.spacedPhone()}${r.pick(['', ' ' + r.person(), r.person(), '货到付款', ''])}`,
    style: 'sms',
    template: 'pinyin-key-word',
  }),
];

const INSTITUTION = (r: CorpusRandom) =>
  `${r.pick(['北京', '华中', '西南', '东北', '江南', '中原', '华南', '西北'])}${r.pick(['理工大学', '师范大学', '财经大学', '科技大学', '职业技术学院', '广播电视大学', '开放大学', '农业大学'])}${r.pick(['继续教育学院', '成人教育学院', '网络教育学院', '自考助学中心', ''])}`;
const TRAINER = (r: CorpusRandom) => `${r.city()}${r.pick(['中公', '华图', '优路', '环球', '文都', '启航', '新东方', '学天', '大立'])}${r.pick(['教育', '培训学校', '学校', '分校'])}`;

export const GENRE_NEGATIVE_TEMPLATES: Array<[weight: number, make: (r: CorpusRandom) => Draft & { kind: string }]> = [
  // Named schools and adult education promising a pass (包通过) — legitimate courses with an exam.
  [6, (r) => ({
    kind: 'training_school',
    text: `${r.pick([INSTITUTION(r), TRAINER(r)])}${r.pick(['', '（经教育厅批准）', '授权站点'])}${year(r)}${r.pick(['成人高考', '自考本科', '网络教育', r.pick(EXAMS)])}${r.pick(['招生', '辅导班', '报名'])}：${r.pick(['包通过', '通过率98%', '签约包通过，不过退费', '不过免费重读', '协议班包通过'])}，${r.pick(['学信网可查，国家承认学历', '名师面授+网课', '学制2.5年，函授学习', '小班授课，全程督学', '统一参加考试，考前集训'])}${r.chance(0.5) ? '，' + r.pick(['学费分期', '报名截至本月底', '免费试听', '学费' + r.int(18, 98) + '00元']) : ''}。${businessContact(r)}`,
    style: r.pick(['sms', 'classified', 'seo']),
    template: 'named-school-pass',
  })],
  // Driving schools: 包过, 拿证快, 出证快.
  [4, (r) => ({
    kind: 'driving_school',
    text: `${r.city()}${r.pick(['顺达', '安通', '金盾', '鸿运', '平安', '交运'])}驾校${r.pick(['暑期特惠', '春季招生', '周年庆', '学员招募'])}：C1${r.pick(['', '/C2'])}学费${r.int(29, 59)}80元${r.pick(['，包过', '，一费制', ''])}，${r.pick(['拿证快', '出证快', '最快' + r.int(30, 60) + '天拿证', '约考快出证快'])}，${r.pick(['一人一车', '随到随学', '免费接送', '考场练车'])}。${r.pick(['报名电话', '咨询'])}${r.phone()}${r.pick(['', r.person()])}`,
    style: r.pick(['sms', 'classified']),
    template: 'driving-school-fast',
  })],
  // Property ads that mention 办证.
  [4, (r) => ({
    kind: 'real_estate',
    text: `${r.pick(['', '【' + r.city() + '楼市】'])}${r.pick(['阳光', '锦绣', '御景', '滨江', '翡翠'])}${r.pick(['花园', '华府', '名苑', '新城'])}${r.pick(['现房发售', '准现房', '二期开盘', '尾盘清售'])}，${r.pick(['即买即办证', '两证齐全，交房即办证', '包办房产证', '办证快，满两年', '产权清晰可办证'])}，${r.pick(['首付' + r.int(5, 30) + '万起', '均价' + r.int(6, 25) + '000元/㎡', '送车位', '学区房'])}。${r.pick(['售楼热线', '看房热线', '咨询'])}${r.phone()}`,
    style: r.pick(['sms', 'classified']),
    template: 'property-banzheng',
  })],
  // Certificate leasing (挂靠) recruiting: people who hold a real certificate rent it out — not selling one.
  [4, (r) => ({
    kind: 'job_post',
    text: `${r.pick(['诚聘', '高薪求', '急需', '长期收'])}${r.pick(['一级建造师', '二级建造师', '注册安全工程师', '造价工程师', '监理工程师', '消防工程师', '八大员', '安全员C证'])}${r.pick(['挂靠', '证书挂靠', '注册', '兼职挂证'])}，${r.pick(['年薪' + r.int(2, 8) + '万', '价格面议', '不用坐班', '人证合一优先'])}，${r.pick(['需本人持证', '要求证书在有效期内', '初始/转注均可', '可签合同'])}。${r.pick([businessContact(r), `联系${r.person()} ${r.phone()}`])}`,
    style: r.pick(['job', 'sms', 'forum']),
    template: 'cert-leasing',
  })],
  // The multi-service e-mail without any certificate item: invoices and services alone do not make a certificate seller.
  [4, (r) => {
    const items = r.some(OTHER_SERVICES, 4, 10);
    return {
      kind: 'other_spam',
      text: `${r.pick(['您好！本公司业务如下：', '打扰了，本人长期承接以下业务：', '尊敬的客户：现将本公司服务项目介绍如下。'])}\n${items.map((l, i) => `${i + 1}、${l}`).join('\n')}\n${r.pick(['诚信经营，欢迎来电。', '有需要请保留此邮件。', ''])}联系人：${r.person()} ${r.phone()}`,
      style: 'sms',
      template: 'multi-service-no-cert',
    };
  }],
  // Exam-prep courses and free materials with a named trainer: studying, not cheating.
  [4, (r) => ({
    kind: 'training_school',
    text: `${TRAINER(r)}：${year(r)}${r.pick(EXAMS)}${r.pick(['历年真题免费领取', '考前冲刺班开课', '备考资料包免费下载', '模拟考试开放报名'])}，${r.pick(['名师解析考点', '助你高效备考', '不过免费重学', '通过率高'])}${r.pick(['', '，报名请携带身份证'])}。${r.pick(['官网', '咨询电话'])}${r.pick([r.phone(), 'www.' + r.pick(['offcn', 'huatu', 'youlu', 'hqwx']) + '.com'])}${r.pick(['', '退订回T'])}`,
    style: r.pick(['sms', 'classified']),
    template: 'exam-prep-course',
  })],
];
