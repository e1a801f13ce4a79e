// Hard negatives from the workplace side: short recruitment ads that demand a certificate
// (and leave a WeChat, like real ones do), workers looking for jobs, and people quoting ads.
import type { CorpusRandom } from './corpus-random.js';
import type { Draft } from './seller-templates.js';
import { JOBS, NEIGHBOURS, SPECIAL_OPS } from './vocabulary.js';

const CERTS = [...SPECIAL_OPS, ...NEIGHBOURS];
const SITES = ['工地', '厂里', '项目部', '物业公司', '钢结构厂', '化工厂', '小区', '商场', '光伏电站', '地铁项目', '装修队', '船厂'];
const PAY = (r: CorpusRandom) =>
  r.pick([`日结${r.int(25, 60)}0元`, `一天${r.int(25, 60)}0`, `月薪${r.int(6, 15)}000`, `${r.int(6, 12)}000-${r.int(13, 20)}000/月`, `计件，多劳多得`, `${r.int(30, 60)}元/小时`, '工资面议', '工资月结不拖欠']);
const PERKS = ['包吃住', '包住不包吃', '管两顿饭', '有宿舍', '交社保', '长期稳定', '活多', '干满一个月报路费', '年底有奖金'];
// What employers say about the certificate: the same words sellers use (可查, 官网), but as a demand.
const CERT_DEMAND = (r: CorpusRandom, c: string) =>
  r.pick([
    `须持${c}`,
    `要有${c}`,
    `必须有${c}`,
    `${c}持证上岗`,
    `有${c}的来`,
    `需${c}（官网能查到的）`,
    `${c}要能查`,
    `持有效${c}`,
    `${c}要本人的原件`,
    `带${c}来面试`,
    `无${c}勿扰`,
    `${c}上岗前要验`,
    `证件当场查验`,
    `假证一律不要`,
    `入职前在应急管理部网站核对证书`,
    `挂证的不要`,
  ]);
const CALL = (r: CorpusRandom) => {
  const p = r.phone();
  return r.pick([
    `电话${r.spacedPhone(p)}`,
    `微信同号${r.spacedPhone(p)}`,
    `电话微信同号：${p}`,
    `联系${r.person()} ${p}（微信同号）`,
    `${r.person()}${p}`,
    `有意者加微信${r.wechatId()}`,
    `加V：${r.wechatId()}，备注应聘`,
    `电话/微信 ${p}`,
    `打电话或者发短信${p}`,
    `联系：${p}（${r.pick(['张', '王', '李', '刘', '陈'])}${r.pick(['工', '经理', '师傅', '老板', '主管'])}）`,
  ]);
};

export const WORKPLACE_TEMPLATES: Array<[weight: number, make: (r: CorpusRandom) => Draft & { kind: string }]> = [
  // Short recruitment ads as posted on job boards, classifieds and worker groups.
  [12, (r) => {
    const job = r.pick(JOBS);
    const c = r.pick(CERTS);
    const parts = r.some([CERT_DEMAND(r, c), PAY(r), r.pick(PERKS), r.chance(0.4) ? CERT_DEMAND(r, c) : `工期${r.int(1, 12)}个月`], 4, 4);
    return {
      kind: 'job_post',
      ...(r.chance(0.6) && {
        title: `${r.city()}${r.pick(SITES)}${r.pick(['招', '急招', '诚招', '招聘', '找'])}${job}${r.pick(['', `${r.int(2, 20)}名`, '若干'])}${r.pick(['', `，${r.pick(['须有', '要'])}${c}`, `（${c}）`])}`,
      }),
      text: `${r.pick(['急招！', '招工：', '【招聘】', '', '找人：', '高薪诚聘'])}${r.pick(SITES)}${r.pick(['需要', '招', '缺'])}${job}${r.int(1, 20)}${r.pick(['名', '个', '人'])}，${parts.join('，')}。${r.pick(['', '年龄18-55岁。', '能长期干的优先。', '不要中介。', '老乡带老乡。'])}${CALL(r)}${r.pick(['', '。', '，非诚勿扰'])}`,
      style: r.pick(['job', 'classified', 'sms']),
      template: 'job-short',
    };
  }],
  // Workers advertising themselves: they hold certificates and leave a number.
  [5, (r) => {
    const held = r.some(CERTS, 1, 3);
    return {
      kind: 'job_seeker',
      text: `${r.pick(['本人', '男，', '女，', '老师傅'])}${r.int(25, 55)}岁，${r.pick(['持有', '有', '手上有'])}${held.join('、')}${r.pick(['', '，都在有效期内', '，官网可查', '，证件齐全'])}，${r.int(2, 20)}年${r.pick(JOBS)}经验，${r.pick(['求职', '找活', '找长期工作', '接零活', '求一份稳定工作'])}，${r.pick([r.city() + '附近', '全国都可以去', '本地优先', '可出差'])}。${CALL(r)}`,
      style: r.pick(['job', 'classified', 'forum']),
      template: 'job-seeker',
    };
  }],
  // Questions and comments that quote a seller's words to doubt or warn against them.
  [3, (r) => {
    const c = r.pick(CERTS);
    const quoted = r.some(['不用考试', '包过', '官网可查', '全国通用', '直接出证', '三天拿证', '内部渠道', '先拿证后付款', '免考', '档案可查'], 1, 3);
    const q = quoted.map((x) => (r.chance(0.5) ? `“${x}”` : x)).join(r.pick(['、', '，', '']));
    return {
      kind: 'quoted_ad',
      ...(r.chance(0.6) && { title: r.pick([`${c}${r.pick(['不用考试能拿到吗', '网上办的能用吗', '包过靠谱吗', '可查的是真的吗'])}？`, `${r.pick(['求助', '请教', '问一下'])}：${c}的事`, `${r.city()}哪里考${c}`]) }),
      text: `${r.pick(['刷到一个广告', '网上好多帖子', '有人加我微信', '群里有人发', '朋友给我推了个人', '贴吧里有人'])}说${c}${q}，${r.pick([`要${r.price()}块`, `收费${r.price()}`, '价格还不贵', '先交定金'])}。${r.pick(['这种靠谱吗？', '是真的假的？', '我怎么觉得是骗子', '感觉不对劲，有没有懂的说说', '大家别信，我问过应急局了，都是假的', '有没有人被骗过？', '这样的证能过检查吗？'])}${r.pick(['', '还是老老实实报班考吧。', '谢谢各位。', '在线等。'])}`,
      style: r.pick(['forum', 'qa', 'comment']),
      template: 'quoted-ad',
    };
  }],
];

/** Positives in a recruiter's clothes: the job ad is the hook, the offer is the certificate. */
export const WORKPLACE_SELLER_TEMPLATES: Array<(r: CorpusRandom) => Draft> = [
  (r) => {
    const job = r.pick(JOBS);
    const c = r.pick(CERTS);
    return {
      ...(r.chance(0.5) && { title: `${r.pick(['招', '急招', '高薪招'])}${job}，${r.pick(['没证也可以', '无证可办', '有证没证都要'])}` }),
      text: `${r.pick(SITES)}${r.pick(['招', '急需'])}${job}${r.int(2, 20)}名，${PAY(r)}。${r.pick(['没有证的', '无证的', '证过期的'])}${r.pick(['可以帮你办', '我们这里直接给办', '找我拿证'])}${c}，${r.pick(['不用考试', '不用培训', '不用本人去'])}，${r.pick(['官网可查', '网上能查到', '全国通用', '几天就下来'])}，${r.pick([`费用${r.price()}`, '费用从工资里扣', '先上班后交钱'])}。${CALL(r)}`,
      style: r.pick(['job', 'classified']),
      template: 'job-disguised-seller',
    };
  },
];
