// Cue phrases an analyst would name when explaining a verdict: sale talk of
// certificate sellers, and counter cues of the look-alike genres (schools, jobs, news …).
export interface Cue {
  id: string;
  /** Shown in `reasons`, e.g. "销售话术: 不用考试". */
  reason: string;
  /** The cue's own name, e.g. "不用考试" (a pair of cues is named by two of these). */
  what: string;
  side: 'sale' | 'counter';
  pattern: RegExp;
}

const sale = (id: string, what: string, pattern: RegExp): Cue => ({ id, reason: `销售话术: ${what}`, what, side: 'sale', pattern });
const counter = (id: string, what: string, pattern: RegExp): Cue => ({ id, reason: `反向线索: ${what}`, what, side: 'counter', pattern });

/** Matched against the folded view (simplified, homophones and cues canonical). */
export const CUES: Cue[] = [
  sale('no-exam', '不用考试', /不用考|不需要?考|无需考|免考|免试|不考试|不参加考试|不用参加考|无需培训|不用培训|免培训|不用上课|不用到场|无需到场|不用本人/),
  sale('guaranteed-pass', '包过', /包过|包拿证|包通过|不过退款|不过全退|稳过|一次性?通过|助考|原题|真题已落实|考前(?:试题|答案|资源)|修改成绩|改成绩/),
  sale('verifiable', '官网可查', /可查|官网(?:可)?(?:查|验证)|网上(?:可)?查|联网|永久(?:可)?查|可验证|经官网验证|扫码(?:可)?查|能查到|查得到|学信网可查|上网(?:文凭|证)|真实上网/),
  sale('nationwide', '全国通用', /全国通用|全国(?:联网|有效)|终[身生]有效|国家认可/),
  sale('fast-issue', '直接出证', /直接(?:出|拿|发)证|快速(?:拿|出|取|办)证|当天(?:拿|出)证|[0-9]+天(?:拿|出)证|拿证快|出证快|速拿|速获|轻松获取|不出家门|一个月拿证/),
  sale('make-documents', '办证', /办证|代办.{0,6}证|办理.{0,8}(?:证|文凭|学历|职称)|各[种类](?:各样)?(?:证件|证书|文凭)|一切(?:相关)?证件|相关证件|做证|制作证件|证件制作|做各[种类]?证|出售.{0,4}证|(?:卖|买)证|代考|替考|证件办理/),
  sale('seal', '刻章', /刻章|刻戳|刻公章|制作.{0,3}印章|牌章|印章/),
  sale('inside-channel', '内部渠道', /内部渠道|内部名额|内部指标|有渠道|特殊渠道|关系办|走关系|内部办理/),
  sale('pay-after', '先拿证后付款', /货到付款|见证付款|见货(?:付款|给钱)|先(?:拿|发|出)证后付款|满意(?:再|后)付款|见证后付款|考后付款|可后付|后付款|成功后付|货到给钱/),
  sale('real', '真实有效', /真实有效|真证|假一赔|保证真实|质量保证|真实(?:驾驶证|证件)/),
  sale('sms-trope', '敬请保留以备急用', /保留|以备急用|备急用|打扰(?:请|敬请)?(?:见谅|谅解|海涵)|如扰敬谅|此信息长期有效/),
  sale('diploma', '文凭学历', /毕业证|文凭|学历|学位证|大专|本科|硕士/),
  sale('many-docs', '各类证件', /驾驶证|驾照|行驶证|房产证|房证|户口本|身份证|结婚证|离婚证|资格证|职称|建造师|八大员|操作证|电工证|焊工证|登高证|叉车证/),
  sale('price-per-cert', '证书报价', /(?:证|本)[^。！\n]{0,6}(?:\d+|#)\s*(?:元|块)|(?:\d+|#)\s*(?:元|块)[^。！\n]{0,3}(?:一本|一个|每本|\/本)/),
  sale('add-contact', '加微信', /加微信|加qq|微信同号|电微同号|微信电话同步|联系微信|私聊|私信/),
  counter('training', '培训/报名', /培训(?:班|机构|学校|中心|课程|费)|报名|开班|招生|授课|学员|课时|课程|实操(?:训练|考核)|理论(?:考试|学习)|考点|报考/),
  counter('jobs', '招聘', /招聘|诚聘|急聘|岗位|薪资|工资|待遇|五险一金|简历|面试|持证上岗|月薪|任职要求|应聘/),
  counter('crackdown', '打击/查处', /打击|查处|抓获|警方|公安|立案|刑拘|判处|涉嫌|犯罪|罪|警惕|谨防|曝光|执法|处罚|罚款|移交|督察|检察|法院|非法|违法/),
  counter('verify-guide', '查询真伪指南', /真伪|辨别|鉴别|怎么查|如何查|查询方法|查询平台|官方查询|cx\.mem|查询系统|识别/),
  counter('bank', '银行/证书过期', /网银|密码器|数字证书|证书(?:将|已|于)?(?:今日|明日|小时)?(?:过期|失效)|手机银行|信用卡|提额|验证码/),
  counter('invoice', '发票', /发票|代开|增值税|税点|点数|点位|票据|国税|地税|税票/),
  counter('loan', '贷款', /贷款|放款|额度|借款|利息|抵押/),
  counter('driving-school', '驾校', /驾校|学车|练车|教练|科目[一二三四1-4]/),
  counter('exam-info', '考试资讯', /考试时间|准考证|成绩查询|报考条件|考试大纲|教材|题库|复习/),
];
