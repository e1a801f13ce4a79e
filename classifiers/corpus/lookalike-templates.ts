// Hard negatives that share the sellers' words: training schools (even 包过班),
// job posts, crackdown news, verification guides, victims' warnings, exam notices.
import type { CorpusRandom } from './corpus-random.js';
import type { Draft } from './seller-templates.js';
import { COURSES, JOBS, SPECIAL_OPS, NEIGHBOURS } from './vocabulary.js';
import { businessContact } from './contact-phrases.js';

const SCHOOL = (r: CorpusRandom) => `${r.city()}${r.pick(['市', ''])}${r.pick(['安全生产培训中心', '职业技能培训学校', '技工学校', '安全技术培训中心', '应急管理培训基地', '建筑职业培训学校', '特种作业培训考核点'])}`;

// Schools warn against the sellers in the sellers' own words; without these a school that
// writes "不存在不用考试、直接出证" looks like the ad it warns about.
const SCHOOL_DISCLAIMER = (r: CorpusRandom) =>
  `${r.pick(['特别说明', '郑重声明', '温馨提示', '注意'])}：${r.pick(['本校所说的包过是指考试不合格可免费重学', '“包过班”指不过免费复训，不是不考试', '包过不等于免考，所有学员都要参加统一考试'])}，${r.pick(['不存在不用考试、直接出证的情况', '从来没有免考拿证、内部渠道这回事', '凡是宣称不用考试、官网可查的都是假证'])}，${r.pick(['请勿上当', '谨防受骗', '发现请举报', '这是违法的'])}。`;

export const LOOKALIKE_TEMPLATES: Array<[weight: number, make: (r: CorpusRandom) => Draft & { kind: string }]> = [
  [14, (r) => {
    const c = r.some(COURSES, 1, 4);
    return {
      kind: 'training_school',
      title: `${SCHOOL(r)}${r.pick(['招生简章', '开班通知', '报名啦', '特种作业培训'])}`,
      text: `${SCHOOL(r)}${r.pick(['常年开设', '现招收', '本月开班'])}${c.join('、')}培训。${r.pick(['理论+实操，随到随学', '小班教学，晚班周末班均可', '白天班、晚班可选'])}。${r.pick(['培训合格后参加应急管理局统一考试', '经培训考核合格，由应急管理部门颁发特种作业操作证', '考试合格颁发国家统一证书'])}，${r.pick(['全国通用', '证书全国通用，有效期6年', '可在应急管理部官网查询', '官网可查，每3年复审一次'])}。${r.pick(['报名需身份证复印件、学历证明、一寸照片', '报名条件：年满18周岁，初中以上学历，身体健康', '不过可免费补考一次', '包过班不过免费重学'])}。${r.chance(0.35) ? SCHOOL_DISCLAIMER(r) : ''}${businessContact(r)}`,
      style: r.pick(['seo', 'classified', 'forum']),
      template: 'training-school',
    };
  }],
  [5, (r) => ({
    kind: 'training_school',
    text: `${r.pick(['考证培训', '电工焊工培训', '学历提升+考证'])}：${r.pick(['包过班', '保过班', 'VIP通关班'])}${r.pick(['开课了', '火热报名中'])}，${r.pick(['名师授课，通过率高', '历年通过率98%', '一次不过免费重读'])}，${r.pick(['需本人到场参加考试', '考试由官方考点统一组织', '理论、实操考试均在考点进行'])}。${r.pick(['报名', '咨询'])}${r.phone()}${r.pick(['【', '（'])}${SCHOOL(r)}${r.pick(['】', '）'])}`,
    style: 'sms',
    template: 'training-pass-class',
  })],
  [12, (r) => {
    const job = r.pick(JOBS);
    const cert = r.pick([...SPECIAL_OPS, ...NEIGHBOURS]);
    return {
      kind: 'job_post',
      title: `${r.pick(['招聘', '急招', '诚聘'])}${job}${r.int(1, 10)}名`,
      text: `岗位职责：负责${r.pick(['厂区设备日常维护', '工地现场作业', '配电房巡检', '钢结构焊接', '仓库货物搬运'])}。任职要求：${r.pick(['持有', '必须持有', '需持'])}${cert}${r.pick(['，持证上岗', '（应急管理局颁发，官网可查）', '，证件需在有效期内', ''])}，${r.int(1, 5)}年以上经验${r.pick(['', '，能吃苦耐劳'])}。薪资待遇：${r.int(5, 12)}000-${r.int(13, 20)}000元/月，${r.pick(['五险一金', '包吃住', '月休4天'])}。${r.pick(['无证者勿扰', '有证优先，无证可协助报名培训考证', '公司可安排培训考证，费用报销'])}。${businessContact(r)}`,
      style: 'job',
      template: 'job-post',
    };
  }],
  [10, (r) => {
    const c = r.pick(SPECIAL_OPS);
    return {
      kind: 'news_crackdown',
      title: `${r.city()}${r.pick(['警方', '应急管理局', '公安机关'])}${r.pick(['破获一起制售假证案', '查处使用假证上岗', '打掉一个伪造证件团伙'])}`,
      text: `${r.pick(['近日', '日前', `${r.int(1, 12)}月${r.int(1, 28)}日`])}，${r.city()}${r.pick(['公安机关', '警方', '应急管理局执法人员'])}${r.pick(['在安全生产检查中发现', '根据群众举报', '经过缜密侦查'])}，${r.pick(['一名工人出示的', '多名作业人员持有的'])}${c}在${r.pick(['应急管理部查询平台', '官方网站', '国家查询系统'])}上无法查到。经查，${r.pick(['犯罪嫌疑人', '当事人', '该团伙'])}通过${r.pick(['微信', '网络', '短视频平台'])}发布“${r.pick(['不用考试', '包过', '官网可查', '直接出证'])}”“${r.pick(['全国通用', '三天拿证', '先拿证后付款'])}”等广告，以每本${r.price()}元的价格${r.pick(['出售假证', '招揽客户'])}，${r.pick(['涉案金额', '非法获利'])}${r.int(5, 300)}万元。目前，${r.pick(['犯罪嫌疑人已被刑事拘留', '案件正在进一步侦办中', '相关人员已被依法处罚'])}。${r.pick(['警方提醒：特种作业操作证须经培训考试取得，切勿轻信网上办证广告。', '应急管理部门提醒：使用伪造证件将被处以罚款。', ''])}`,
      style: 'news',
      template: 'crackdown-news',
    };
  }],
  [8, (r) => {
    const c = r.pick(SPECIAL_OPS);
    return {
      kind: 'verification_guide',
      title: `${c}${r.pick(['怎么查询真伪', '查询方法', '真假辨别'])}`,
      text: `${r.pick(['很多人问', '经常有网友咨询', '用工单位关心'])}${c}如何辨别真假。${r.pick(['正确方法是登录应急管理部“特种作业操作证及安全生产知识和管理能力考核合格信息查询”平台', '唯一官方查询渠道是 cx.mem.gov.cn', '可以关注微信公众号“国家安全生产考试”扫码查询'])}，输入姓名和身份证号即可查询。${r.pick(['网上所谓“不用考试、官网可查”的办证广告都是骗局', '注意：有的假证二维码会跳转到仿冒网站', '凡是宣称“内部渠道、直接出证”的都是假的'])}，${r.pick(['切勿上当', '请大家提高警惕', '发现假证请向当地应急管理部门举报'])}。`,
      style: r.pick(['seo', 'qa', 'forum']),
      template: 'verification-guide',
    };
  }],
  [8, (r) => {
    const c = r.pick(SPECIAL_OPS);
    return {
      kind: 'qa_legit',
      title: `${c}${r.pick(['怎么考？', '报名需要什么条件？', '多少钱？', '难考吗？', '过期了怎么复审？'])}`,
      text: `${r.pick(['答：', '回答：', ''])}${r.pick(['需要到当地有资质的培训机构报名', '先在正规培训机构参加培训', '个人不能直接报名，需要通过培训机构'])}，${r.pick(['培训完成后参加理论和实操考试', '考试分理论和实操两部分，满分100分，80分及格', '考试合格后由应急管理局发证'])}。${r.pick(['费用一般在几百到一千多元不等', '证书有效期6年，每3年复审一次', '全国通用，可在应急管理部网站查询'])}。${r.pick(['网上说不用考试就能拿证的都是假证，千万别买', '建议找正规机构，不要相信包过的说法', '多刷题，一般都能过', ''])}`,
      style: 'qa',
      template: 'qa-legit',
    };
  }],
  [7, (r) => ({
    kind: 'victim_warning',
    title: r.pick(['被骗了，大家引以为戒', '买了个假电工证，被罚款了', '曝光一个卖假证的骗子', '网上办证靠谱吗？亲身经历']),
    text: `${r.pick(['去年', '上个月', '前段时间'])}${r.pick(['在网上看到', '朋友介绍', '刷视频看到'])}一个${r.pick(['办证', '卖证'])}的广告，说${r.pick(['不用考试', '官网可查', '三天拿证'])}，我花了${r.price()}元买了${r.pick(SPECIAL_OPS)}。${r.pick(['结果到工地一查是假的', '后来发现查询网站是假的', '被安监检查发现，罚了款'])}，${r.pick(['对方微信也把我拉黑了', '钱也要不回来', '还差点被追究责任'])}。${r.pick(['大家千万别信这种广告，还是老老实实去考吧', '奉劝各位走正规渠道培训考试', '已经向警方报案'])}。`,
    style: 'forum',
    template: 'victim-warning',
  })],
  [6, (r) => ({
    kind: 'exam_notice',
    title: `关于${r.pick(['2025年', '本月', '第三季度'])}特种作业人员${r.pick(['考试安排', '复审', '证书领取'])}的通知`,
    text: `各有关单位：${r.pick(['根据《特种作业人员安全技术培训考核管理规定》', '根据应急管理部有关要求'])}，现将${r.pick(COURSES)}${r.pick(['考试安排', '复审工作', '证书发放'])}通知如下：${r.pick(['考试时间为', '复审截止日期为', '领证时间为'])}${r.int(1, 12)}月${r.int(1, 28)}日，${r.pick(['请考生携带身份证和准考证按时参加考试', '逾期未复审的证书将失效', '证书可在应急管理部官网查询'])}。${r.pick(['严禁代考、替考，一经发现取消考试资格', '凡使用伪造证件的依法处理', ''])}。${r.city()}市应急管理局`,
    style: 'notice',
    template: 'exam-notice',
  })],
  [6, (r) => ({
    kind: 'chat',
    text: r.pick([
      `${r.pick(['今天', '昨天', '终于'])}考完${r.pick(SPECIAL_OPS)}了，${r.pick(['实操有点难', '理论考了92分', '等成绩中', '感觉能过'])}，${r.pick(['希望一次过', '三年后还要复审', '公司报销培训费'])}`,
      `${r.pick(['请问', '求问'])}${r.pick(SPECIAL_OPS)}${r.pick(['过期了还能复审吗', '在哪里报名比较好', '考试难不难', '网上能查到吗'])}？${r.pick(['谢谢大家', '在线等', ''])}`,
      `${r.pick(['我们', '老板'])}要求${r.pick(['下个月', '年底前'])}都要${r.pick(['考', '拿到'])}${r.pick(SPECIAL_OPS)}，${r.pick(['有一起报名的吗', '谁知道附近的培训点', '学校推荐一下'])}`,
      `${r.pick(['听说', '看新闻说'])}现在${r.pick(['查假证查得很严', '网上办证的都是骗子', '工地都用扫码查证'])}，${r.pick(['还是自己考靠谱', '大家别贪便宜', '我准备报个培训班'])}`,
    ]),
    style: 'chat',
    template: 'chat',
  })],
  [4, (r) => ({
    kind: 'buyer_request',
    text: `${r.pick(['急求', '求助', '请问'])}${r.pick(['哪里有靠谱的培训机构可以考', '有没有人知道怎么快速考到', '谁有考过'])}${r.pick(SPECIAL_OPS)}${r.pick(['的', ''])}${r.pick(['？', '，谢谢', '，想找个周末班'])}`,
    style: r.pick(['forum', 'qa']),
    template: 'buyer-request',
  })],
];
