// Positive corpus items: certificate and document sellers in the styles they post in —
// forum threads, classified ads, Q&A answers, SEO pages, SMS blasts and comments.
import type { CorpusRandom } from './corpus-random.js';
import { ALL_CERTS, GENERAL_DOCS, NEIGHBOURS, SPECIAL_OPS } from './vocabulary.js';
import { sellerContact } from './contact-phrases.js';

export interface Draft {
  text: string;
  title?: string;
  style: 'forum' | 'classified' | 'qa' | 'seo' | 'sms' | 'comment' | 'news' | 'notice' | 'chat' | 'job';
  template: string;
}

const NO_EXAM = ['不用考试', '免考', '无需考试', '不用培训', '不用到场', '免培训直接拿证', '零基础也能拿', '不用本人到场', '不用上课不用考试', '无需参加考试', '不考试直接出证', '不用去考场'];
const VERIFY = ['官网可查', '网上可查', '全国联网可查', '扫码可查', '应急管理部官网可查', '可查可验', '永久可查', '档案可查', '系统可查', '官方平台能查到', '查询系统有记录'];
const NATION = ['全国通用', '全国有效', '国家认可', '终身有效', '正规钢印', '跟考的一模一样', '和考的没区别'];
const FAST = ['直接出证', '三天出证', '7天拿证', '当天出证', '快速拿证', '加急当天可拿', '一周拿证', '15天下证', '最快2天到手', '包邮到家'];
const PAY = ['货到付款', '先拿证后付款', '见证付款', '验证后付款', '满意再付款', '先查后付', '拿到证再付尾款'];
const CHANNEL = ['内部渠道', '内部名额', '有关系', '特殊渠道', '原件原档', '正规渠道出证', '考试中心内部'];
const OPENERS = ['本人', '本公司', '我们', '工作室', '本店', '诚信', '专业', '长期', '本市', '本地'];
const PRICE = (r: CorpusRandom) => r.pick([`${r.price()}元一本`, `${r.price()}/本`, `低至${r.price()}元`, '价格优惠', '量大从优', '团购更便宜', `${r.price()}包邮`, '价格透明']);

function certs(r: CorpusRandom, lo = 2, hi = 5): string[] {
  const pool = r.chance(0.55) ? [...SPECIAL_OPS, ...NEIGHBOURS] : r.chance(0.5) ? ALL_CERTS : GENERAL_DOCS;
  return r.some(pool, lo, hi);
}

function join(r: CorpusRandom, parts: string[]): string {
  const sep = r.pick(['，', '，', '。', ' ', '！', '、', '；']);
  return parts.filter(Boolean).join(sep);
}

export const SELLER_TEMPLATES: Array<(r: CorpusRandom) => Draft> = [
  // Forum thread offering special-operation certificates.
  (r) => {
    const c = certs(r);
    return {
      title: r.pick([`${c[0]}${r.pick(['办理', '快速拿证', '出', '不用考试'])}`, `【${r.pick(['出', '办', '代办'])}】${c.join('/')}`, `有需要${c[0]}的朋友看过来`, `${r.city()}${c[0]}怎么快速拿到？`]),
      text: join(r, [
        r.pick([`${r.pick(OPENERS)}办理${c.join('、')}`, `需要${c.join('、')}的联系我`, `${c.join('、')}都可以办`, `出${c.join('、')}`]),
        r.pick(NO_EXAM),
        r.pick(VERIFY),
        r.chance(0.6) ? r.pick(NATION) : '',
        r.chance(0.5) ? r.pick(FAST) : '',
        r.chance(0.4) ? PRICE(r) : '',
        sellerContact(r),
      ]),
      style: 'forum',
      template: 'forum-offer',
    };
  },
  // Classified ad with structured fields.
  (r) => {
    const c = certs(r, 1, 4);
    return {
      title: `${r.city()}${c[0]}${r.pick(['办理', '代办', '速办', '拿证'])}${r.pick(['', '-不用考试', '-官网可查', '-全国通用'])}`,
      text: `${r.pick(['服务内容', '业务范围', '可办项目'])}：${c.join('、')}\n${r.pick(['服务优势', '我们的优势'])}：${r.pick(NO_EXAM)}，${r.pick(VERIFY)}，${r.pick(FAST)}，${r.pick(PAY)}\n${r.pick(['价格', '收费'])}：${PRICE(r)}\n联系人：${r.person()}\n${sellerContact(r)}`,
      style: 'classified',
      template: 'classified-fields',
    };
  },
  // Q&A answer by a seller.
  (r) => {
    const c = certs(r, 1, 3);
    const q = r.pick([`没时间培训，怎么才能拿到${c[0]}？`, `${c[0]}考不过怎么办？`, `有没有不用考试就能拿${c[0]}的办法？`, `${c[0]}在哪里可以快速办？`, `公司要求${c[0]}，急用怎么办？`]);
    return {
      title: q,
      text: join(r, [
        r.pick(['可以找我们', '我这边可以帮你办', '楼主可以私聊我', '这个好办', '我就是做这个的', '我朋友就是找我办的']),
        r.pick(NO_EXAM),
        r.pick(VERIFY),
        r.chance(0.5) ? r.pick(CHANNEL) : '',
        r.chance(0.5) ? r.pick(FAST) : '',
        sellerContact(r),
      ]),
      style: 'qa',
      template: 'qa-answer',
    };
  },
  // SEO mini-site landing page.
  (r) => {
    const c = certs(r, 3, 6);
    const site = r.domain();
    return {
      title: `${c[0]}办理_${c[1]}快速拿证_${r.pick(['全国可查', '官网可查', '不用考试'])}-${r.pick(['诚信', '安达', '正通', '鑫源', '华安'])}证书服务中心`,
      text: `首页 | 办证项目 | 价格表 | 证书查询 | 联系我们\n${r.pick(['我们专注特种作业证书服务十年', '专业代办各类证书', '一站式证书办理平台', '为没时间考试的朋友提供拿证服务'])}，${r.pick(['可办', '主营'])}：${c.join('、')}。${r.pick(NO_EXAM)}，${r.pick(VERIFY)}，${r.pick(NATION)}。${r.pick(FAST)}，${r.pick(PAY)}。${r.pick(['已为上万名学员拿证', '办证成功率100%', '十年老店 信誉保证', '全国各地均可办理'])}。证书查询入口：${site}/cx ${sellerContact(r)}`,
      style: 'seo',
      template: 'seo-landing',
    };
  },
  // SEO price list page.
  (r) => {
    const c = certs(r, 3, 6);
    const rows = c.map((x) => `${x} ${r.price()}元`).join('；');
    return {
      title: `${r.pick(['特种作业证', '各类证书', '操作证'])}价格表-${r.pick(['2024', '2025', '最新'])}`,
      text: `价格表：${rows}。${r.pick(['以上均', '所有证书'])}${r.pick(VERIFY)}，${r.pick(NO_EXAM)}。${r.pick(PAY)}。${sellerContact(r)}`,
      style: 'seo',
      template: 'seo-price-list',
    };
  },
  // Older SMS blast: 办证刻章 genre.
  (r) => {
    const docs = r.some([...GENERAL_DOCS, '银行流水', '车辆手续', '印章', '公章', ...r.some(SPECIAL_OPS, 0, 2)], 2, 6);
    return {
      text: join(r, [
        r.pick(['你好', '您好', '老板好', '新年好', '朋友你好', '']),
        `${r.pick(['本市', '本公司', '本人在' + r.city(), '长期在本市', ''])}${r.pick(['长期', '专业', '诚信', '常年', ''])}${r.pick(['办理', '代办', '制作', '办'])}${r.pick(['各种', '各类', '一切'])}${r.pick(['证件', '证书', '文凭证件'])}${r.chance(0.6) ? r.pick(['刻章', '及印章', '刻公章']) : ''}`,
        r.chance(0.7) ? `如${docs.join('、')}等` : '',
        r.chance(0.4) ? r.pick(PAY) : '',
        r.chance(0.3) ? r.pick(['质量保证', '网上可查', '真实有效', '诚信合作']) : '',
        `${r.pick(['电话', '联系电话', '手机', '详询', '请电'])}${r.spacedPhone()}${r.chance(0.5) ? r.pick(['微信同号', '电微同号', '(微信同号)']) : ''}${r.chance(0.4) ? r.person() : ''}`,
        r.chance(0.5) ? r.pick(['敬请保留以备急用', '打扰请见谅', '如有打扰敬请谅解', '此信息长期有效', '请保存']) : '',
      ]),
      style: 'sms',
      template: 'sms-banzheng',
    };
  },
  // Diploma / academic record seller.
  (r) => ({
    text: join(r, [
      r.pick(['专业办理', '快速获取', '不出家门轻松拿', '代办', '速拿']),
      `${r.pick(['大专', '本科', '专升本', '硕士', '各院校'])}${r.pick(['毕业证', '学历', '文凭', '学位证'])}`,
      r.pick(['学信网可查', '网上永久可查', '教育部可查', '真实上网', '档案齐全']),
      r.chance(0.5) ? r.pick(['不用考试', '不用上课', '无需入学', '一个月拿证']) : '',
      r.chance(0.4) ? `另办${r.pick(['建造师', '职称', '资格证', '驾驶证'])}` : '',
      sellerContact(r),
    ]),
    style: r.pick(['sms', 'forum', 'classified']),
    template: 'diploma',
  }),
  // Exam fraud: guaranteed pass, answers, pay after.
  (r) => {
    const exam = r.pick(['电工证考试', '焊工证考试', '安全员考试', '建造师考试', '会计职称考试', '教师资格证考试', '监理工程师考试', '叉车证考试', '特种作业理论考试', '英语四六级', '执业药师考试']);
    return {
      text: join(r, [
        `${exam}${r.pick(['包过', '保过', '一次通过', '原题到位', '考前答案已落实', '助考'])}`,
        r.pick(['考后付款', '不过全额退款', '成功后付款', '可先考试后付费', '过了再给钱']),
        r.pick(['零基础也可以', '不用复习', '远程协助答题', '替考服务', '修改成绩可查']),
        `${r.pick(['加QQ', '联系QQ', '加微信', '详询'])}${r.chance(0.5) ? r.qq() : r.wechatId()}`,
      ]),
      style: r.pick(['sms', 'comment', 'forum']),
      template: 'exam-fraud',
    };
  },
  // Short comment under a video or post.
  (r) => ({
    text: r.pick([
      `${r.pick(SPECIAL_OPS)}${r.pick(NO_EXAM)}，${r.pick(['私', '滴滴', '看主页', '来'])}`,
      `需要${r.pick(ALL_CERTS)}的${r.pick(['私信', '加V', '滴我', '看我主页'])}，${r.pick(VERIFY)}`,
      `${r.pick(['办', '出', '做'])}${r.pick(SPECIAL_OPS)}，${r.pick(VERIFY)}，${r.pick(['V', '薇', 'vx'])}${r.wechatId()}`,
      `${r.pick(['考不过？', '没时间考？', '急用证？'])}${r.pick(SPECIAL_OPS)}${r.pick(FAST)}，${r.pick(VERIFY)}`,
    ]),
    style: 'comment',
    template: 'comment',
  }),
  // Clone verification page that sells.
  (r) => ({
    title: `${r.pick(['特种作业操作证查询', '证书查询系统', '操作证真伪查询'])}-${r.pick(['全国特种作业人员信息平台', '安全生产考核信息查询', '证书信息中心'])}`,
    text: `请输入姓名和身份证号查询证书信息。本平台数据与官方同步。${r.pick(['没有证书？', '证书未上网？', '需要办证？'])}${r.pick(['本中心可代办', '我们可以帮您办理', '可联系客服办理'])}${r.pick(SPECIAL_OPS)}、${r.pick(NEIGHBOURS)}，${r.pick(NO_EXAM)}，${r.pick(['录入系统后即可查询', '办完即可在本平台查到', '扫码可查'])}。客服${sellerContact(r)} 网址：${r.domain()}`,
    style: 'seo',
    template: 'clone-verification',
  }),
  // Chatty first-person seller on a forum, longer prose.
  (r) => {
    const c = certs(r, 1, 3);
    return {
      title: r.pick(['分享一个拿证的渠道', '还在为考证发愁吗', `${c[0]}的朋友进`, '证书加急办理']),
      text: `${r.pick(['很多朋友工地上要求持证上岗，自己又没时间去培训考试。', '现在查得严，没证不让上岗，考试又难。', '干了十几年电工一直没证？', '公司突然要求全员持证，来不及考？'])}${r.pick(['我们这边可以帮忙办理', '可以直接找我办', '我这里有渠道'])}${c.join('、')}，${r.pick(NO_EXAM)}，${r.pick(VERIFY)}，${r.pick(NATION)}。${r.pick(['已经帮很多人办过了', '老客户介绍的优惠', '先查询后付款，放心'])}。${r.pick(PAY)}，${sellerContact(r)}`,
      style: 'forum',
      template: 'forum-story',
    };
  },
  // Mixed invoice + documents SMS (a seller of certificates too).
  (r) => ({
    text: join(r, [
      r.pick(['您好', '老板你好', '']),
      `${r.pick(['代开各行业发票', '开各类发票'])}，${r.pick(['另办各种证件', '并办理各种证件刻章', '刻章办证', '代办各类资格证'])}`,
      r.pick(['点低保真', '验后付款', '诚信合作']),
      `电话${r.spacedPhone()}`,
    ]),
    style: 'sms',
    template: 'invoice-and-certs',
  }),
  // Driving licence without exam / fake plates and licence.
  (r) => ({
    text: join(r, [
      r.pick(['快速代办驾照', '驾驶证直接拿', 'C1驾照免考', 'A照B照增驾不用考']),
      r.pick(['免学免考', '不用考科目一二三四', '不用去驾校']),
      r.pick(['车管所可查', '全国联网', '真实档案']),
      sellerContact(r),
    ]),
    style: r.pick(['sms', 'comment', 'classified']),
    template: 'driving-licence-no-exam',
  }),
  // Construction qualifications (八大员/建造师) registration without exam.
  (r) => ({
    text: join(r, [
      `${r.pick(['八大员', '施工员', '安全员ABC证', '二级建造师', '一级建造师', '建筑特种工'])}${r.pick(['直接办理', '免考试', '包过', '挂靠出证'])}`,
      r.pick(['住建厅官网可查', '建设厅网站可查', '全国建筑市场平台可查', '四库可查']),
      r.pick(FAST),
      sellerContact(r),
    ]),
    style: r.pick(['forum', 'classified', 'sms']),
    template: 'construction-quals',
  }),
  // Exam cheating: leaked papers, answers, score changes — sold like certificates.
  (r) => {
    const exam = r.pick(['事业单位考试', '公务员考试', '会计从业资格考试', '一建', '二建', '消防工程师', '成人高考', '自考', '职称英语', '计算机等级考试', '安全员考试', '特种作业考试', '监理工程师', '造价工程师', '护士资格考试', '驾照科目一']);
    return {
      text: join(r, [
        r.pick(['考生注意', '亲', '同学你好', '各位考生', '']),
        `${r.pick(['今年', '本次', '下周'])}${exam}${r.pick(['原题已到', '考前答案已落实', '内部资料到位', '试题渠道稳定', '押题命中率高'])}`,
        r.pick(['零基础包过', '高分包过', '一次轻松过关', '保证通过', '过不了全额退款', '不过双倍退款']),
        r.pick(['考后付款', '成功后再付', '先考试后付费', '可后付', '定金' + r.int(1, 5) + '00元']),
        `${r.pick(['详询', '联系', '速加', '咨询'])}${r.pick(['QQ', '扣扣', 'q', '微信'])}${r.chance(0.6) ? r.qq() : r.wechatId()}`,
      ]),
      style: r.pick(['sms', 'comment', 'forum']),
      template: 'exam-answers',
    };
  },
  // Terse SMS: few words, a name and a number (the oldest spam genre).
  (r) => ({
    text: `${r.pick(['办证', '做证', '制证', '办各类证', '做各种证', '各类证件', '证件印章', '牌照印章', '文凭证件', '资格职称'])}${r.pick(['', '刻章', '印章', '等'])}${r.pick(['', ' ', '，'])}${r.pick(['电', '详', '请电', '联系', ''])}${r.spacedPhone()}${r.pick(['', ' ' + r.person(), r.person()])}${r.pick(['', '货到付款', '见货付款', '请保存'])}`,
    style: 'sms',
    template: 'sms-terse',
  }),
  // Agent listing documents as numbered services.
  (r) => {
    const lines = r.some([
      `代办各院校${r.pick(['毕业证', '学历', '学位'])}`,
      `各类资格证、${r.pick(['职称证', '上岗证', '操作证'])}`,
      `${r.pick(SPECIAL_OPS)}、${r.pick(NEIGHBOURS)}`,
      '身份证、户口本、结离婚证',
      '驾驶证、行驶证、车辆手续',
      '营业执照、印章、公章',
      '银行流水、收入证明',
      '房产证、土地证',
    ], 3, 6);
    return {
      text: `${r.pick(['代理证件业务', '本公司业务如下', '专业办理以下证件', '可办业务'])}：${lines.map((l, i) => `${i + 1}. ${l}`).join(' ')}。${r.pick(['质量保证', '真实有效', '网上可查', '诚信经营'])}，${sellerContact(r)}`,
      style: r.pick(['sms', 'classified', 'forum']),
      template: 'numbered-services',
    };
  },
  // Photo editing / forging scans of certificates.
  (r) => ({
    text: `${r.pick(['专业P图', '代做电子版', '修图改证', '证件PS'])}：${r.some(['各种证件', '证书', '毕业证', '资格证', '银行流水', '合同', '收入证明', '操作证'], 2, 4).join('、')}，${r.pick(['以假乱真', '看不出痕迹', '改名字改日期', '当天出图'])}，${sellerContact(r)}`,
    style: r.pick(['comment', 'classified']),
    template: 'photo-forgery',
  }),
  // A standing line of business: the renewal vocabulary (新办/复审/补办/增项) is the tell.
  (r) => {
    const c = r.some([...SPECIAL_OPS, ...NEIGHBOURS], 1, 3);
    return {
      ...(r.chance(0.5) && { title: `${c[0]}${r.pick(['新办复审', '业务', '补办换证', '年审'])}${r.pick(['', '，可查', '，加急'])}` }),
      text: `${r.pick(['接', '长期接', '承接', '专做'])}${r.pick([r.city() + '及全国各地', '全国', '本地'])}${c.join('、')}${r.pick(['业务', '办理'])}，${r.some(['新办', '复审', '补办', '增项', '换证', '年审', '过期重办'], 2, 4).join('、')}${r.pick(['都可以', '均可', '都能做'])}，${r.pick([...NO_EXAM, ...VERIFY, ...FAST])}。${r.pick(['老客户介绍来的多', '口碑好', '做了很多年了', '诚信为本', ''])}${r.pick(['，', '。'])}${sellerContact(r)}`,
      style: r.pick(['forum', 'classified', 'comment']),
      template: 'standing-business',
    };
  },
  // Posted on someone's behalf: "a friend can get it done" keeps the poster looking like a user.
  (r) => {
    const c = r.some([...SPECIAL_OPS, ...NEIGHBOURS], 1, 2);
    return {
      text: `${r.pick(['帮朋友发一下', '替亲戚发的', '我表哥就是做这个的', '朋友公司有指标', '认识一个人'])}，${r.pick(['能办', '可以拿', '手上有名额办'])}${c.join('和')}，${r.pick(NO_EXAM)}，${r.pick([...VERIFY, ...NATION])}${r.pick(['', `，价格${r.price()}`, '，比考省事'])}。${r.pick(['我自己的就是找他办的', '好几个工友都办了', '需要的', '有意的'])}${r.pick(['，', '。'])}${sellerContact(r)}`,
      style: r.pick(['forum', 'comment', 'qa']),
      template: 'proxy-poster',
    };
  },
];
