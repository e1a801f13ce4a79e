// The certificate kinds certwatch recognises: the special-operation catalogue
// (Order No. 30 annex) and the neighbours sellers offer next to it, with colloquial names.
import type { Authority, CertType } from '../types.js';

export interface CertPattern {
  code: string;
  label: string;
  authority: Authority;
  /** Matched against the folded view; more specific entries come first. */
  pattern: RegExp;
  /** Codes this entry makes redundant when both match (e.g. "1" when "1.2" is present). */
  suppresses?: string[];
}

const mem = (code: string, label: string, pattern: RegExp, suppresses?: string[]): CertPattern => ({ code, label, authority: 'mem', pattern, suppresses });
const samr = (code: string, label: string, pattern: RegExp): CertPattern => ({ code: `samr.${code}`, label, authority: 'samr', pattern });
const mohurd = (code: string, label: string, pattern: RegExp, suppresses?: string[]): CertPattern => ({ code: `mohurd.${code}`, label, authority: 'mohurd', pattern, suppresses });
const other = (code: string, label: string, pattern: RegExp): CertPattern => ({ code: `other.${code}`, label, authority: 'other', pattern });

export const CATALOGUE: CertPattern[] = [
  // Construction (住建) first: 建筑电工 must not also count as the MEM electrician item.
  mohurd('electrician', '建筑电工', /建筑(?:施工)?电工/, ['1']),
  mohurd('scaffolder', '建筑架子工', /建筑(?:施工)?架子工|普通脚手架架子工|附着式升降脚手架/, ['3.1']),
  mohurd('welder', '建筑焊工', /建筑(?:施工)?焊工/, ['2']),
  mohurd('tower-crane', '塔式起重机司机', /塔式起重机|塔吊/),
  mohurd('hoist', '施工升降机司机', /施工升降机|物料提升机/),
  mohurd('signaller', '建筑起重信号司索工', /司索|信号工/),
  mohurd('gondola', '高处作业吊篮安装拆卸工', /吊篮/),
  mohurd('special-ops', '建筑施工特种作业操作资格证', /建筑施工特种作业|建委(?:特种)?操作证|住建(?:部|厅|委)?(?:特种|操作)/),
  mohurd('constructor', '建造师', /建造师/),
  mohurd('eight-staff', '施工现场专业人员(八大员)', /八大员|六大员|七大员|施工员|安全员|质检员|质量员|材料员|资料员|预算员|标准员|机械员|劳务员/),
  // Special-operation catalogue (应急管理).
  mem('1.1', '高压电工作业', /高压电工|高压操作证|高压证|高压电工作业/, ['1']),
  mem('1.2', '低压电工作业', /低压电工|低压操作证|低压证|低压电工作业/, ['1']),
  mem('1.3', '防爆电气作业', /防爆电气/, ['1']),
  mem('1', '电工作业', /电工(?:证|操作证|作业|上岗证|本)|电工特种作业|特种作业电工|电力电缆作业|继电保护作业|电气试验作业/),
  mem('2.1', '熔化焊接与热切割作业', /熔化焊|热切割|电焊(?:证|工证|操作证)|气焊(?:证|工)|气割|氩弧焊(?:证|工)|二保焊(?:证|工)/, ['2']),
  mem('2.2', '压力焊作业', /压力焊/, ['2']),
  mem('2.3', '钎焊作业', /钎焊/, ['2']),
  mem('2', '焊接与热切割作业', /焊工(?:证|操作证|作业|上岗证)|焊接(?:证|与热切割|操作证|作业)|电焊工/),
  mem('3.1', '登高架设作业', /登高架设|登高(?:证|作业证|操作证)|架子工(?:证)?/, ['3']),
  mem('3.2', '高处安装、维护、拆除作业', /高处安装|维护[、,]?拆除|高处(?:维护|拆除)/, ['3']),
  mem('3', '高处作业', /高处作业|高空作业|高空(?:证|操作证)|高处(?:证|操作证)|登高/),
  mem('4.1', '制冷与空调设备运行操作作业', /制冷与空调设备运行|空调设备运行/, ['4']),
  mem('4.2', '制冷与空调设备安装修理作业', /制冷与空调设备安装|空调(?:设备)?安装修理|空调安装证|制冷(?:设备)?安装/, ['4']),
  mem('4', '制冷与空调作业', /制冷(?:与空调|证|作业|工)|空调(?:证|作业|操作证|工证)/),
  mem('5', '煤矿安全作业', /煤矿|井下电气|井下爆破|瓦斯检查|瓦斯抽采|安全监测监控|提升机操作|采煤机|掘进机|探放水|防突/),
  mem('6', '金属非金属矿山安全作业', /非金属矿山|金属矿山|矿井通风|尾矿|矿山(?:安全|作业|证)|支柱作业|井下排水/),
  mem('7.1', '司钻作业', /司钻/),
  mem('8.1', '煤气作业', /煤气作业|煤气(?:证|工)/),
  mem('9', '危险化学品安全作业', /危化|危险化学品|化工自动化|光气|氯碱|氯化工艺|硝化|合成氨|裂解|氟化工艺|加氢工艺|重氮化|过氧化|胺基化|磺化|聚合工艺|烷基化/),
  mem('10', '烟花爆竹安全作业', /烟花爆竹|烟火药|黑火药|引火线/),
  mem('11', '特种作业(类别未明)', /特种作业|特种作业操作证|应急管理(?:局|厅|部)?(?:颁发|发的|的)?(?:操作证|证)|安监(?:局)?(?:证|操作证)|操作证/),
  // Special equipment (市场监管).
  samr('forklift', '叉车司机(特种设备)', /叉车/),
  samr('elevator', '电梯作业(特种设备)', /电梯/),
  samr('boiler', '锅炉作业(特种设备)', /锅炉/),
  samr('pressure-vessel', '压力容器/气瓶作业(特种设备)', /压力容器|气瓶|快开门/),
  samr('crane', '起重机械作业(特种设备)', /起重机(?!械指挥)|行车|桥吊|门吊|桥式起重|门式起重|起重(?:证|机械)/),
  samr('special-equipment', '特种设备作业人员证', /特种设备(?:作业|操作|证)|质监(?:局)?证|市场监管(?:局)?(?:颁发|发的)?证/),
  // Other documents the same sellers offer.
  other('diploma', '学历/毕业证', /毕业证|文凭|学历|学位证|学信网|大专|本科|硕士|博士/),
  other('driving', '驾驶证', /驾驶证|驾照|驾行驶证|行驶证|准驾证/),
  other('id', '身份证/户口', /身份证|户口本|户口/),
  other('property', '房产证', /房产证|房本|房证|土地证/),
  other('civil', '结婚/离婚/出生证', /结婚证|离婚证|结离婚证|出生证|残疾证/),
  other('qualification', '职业资格/职称', /资格证|资质证|职称|会计证|会计从业|教师资格|技能等级|职业资格|上岗证|健康证/),
  other('seal', '印章', /刻章|印章|公章|刻戳|牌章/),
];
