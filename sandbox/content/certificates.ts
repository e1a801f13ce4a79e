// The certificate types sellers and honest posters talk about, with the names people
// actually type, so generated texts cover the whole catalogue and its neighbours.
export interface CertType {
  key: string;
  /** Colloquial names, the first being the most common. */
  names: readonly string[];
  /** Formal item name as written in official texts. */
  formal: string;
  authority: 'mem' | 'samr' | 'mohurd';
  /** Fake-seller price range in yuan. */
  price: readonly [number, number];
  /** Words used for the job itself in job posts and school pages. */
  work: string;
}

export const CERT_TYPES: readonly CertType[] = [
  { key: 'dgz-low', names: ['电工证', '低压电工证', '低压电工操作证', '电工上岗证'], formal: '低压电工作业', authority: 'mem', price: [380, 800], work: '低压配电维修' },
  { key: 'dgz-high', names: ['高压电工证', '高压电工操作证', '高压进网证'], formal: '高压电工作业', authority: 'mem', price: [600, 1200], work: '高压配电运行维护' },
  { key: 'explosion-proof', names: ['防爆电气证', '防爆电工证'], formal: '防爆电气作业', authority: 'mem', price: [700, 1300], work: '防爆电气设备安装检修' },
  { key: 'welding', names: ['焊工证', '电焊证', '电焊工证', '熔化焊证', '气焊证', '氩弧焊证'], formal: '熔化焊接与热切割作业', authority: 'mem', price: [350, 900], work: '焊接与切割' },
  { key: 'brazing', names: ['钎焊证', '压力焊证'], formal: '钎焊作业', authority: 'mem', price: [400, 900], work: '钎焊' },
  { key: 'height', names: ['高处作业证', '登高证', '高空作业证', '登高架设证', '架子工证'], formal: '登高架设作业', authority: 'mem', price: [350, 850], work: '脚手架搭设与高处安装' },
  { key: 'height-maint', names: ['高处安装维护拆除证', '高空维护证', '蜘蛛人证'], formal: '高处安装、维护、拆除作业', authority: 'mem', price: [400, 900], work: '外墙清洗与高处维护' },
  { key: 'refrigeration', names: ['制冷证', '空调证', '制冷与空调证', '空调安装证'], formal: '制冷与空调设备安装修理作业', authority: 'mem', price: [400, 900], work: '空调制冷设备安装维修' },
  { key: 'hazchem', names: ['危化证', '危险化学品作业证', '化工操作证', '危化品证'], formal: '危险化学品安全作业', authority: 'mem', price: [800, 1600], work: '危险化工工艺操作' },
  { key: 'coal', names: ['煤矿证', '瓦斯检查证', '井下电气证'], formal: '煤矿安全作业', authority: 'mem', price: [900, 2000], work: '煤矿井下作业' },
  { key: 'gas', names: ['煤气作业证', '冶金煤气证'], formal: '煤气作业', authority: 'mem', price: [700, 1400], work: '冶金煤气设施运行' },
  { key: 'fireworks', names: ['烟花爆竹作业证', '烟花爆竹储存证'], formal: '烟花爆竹储存作业', authority: 'mem', price: [600, 1300], work: '烟花爆竹仓储' },
  { key: 'forklift', names: ['叉车证', '叉车操作证', '叉车司机证', 'N1叉车证'], formal: '场(厂)内专用机动车辆作业 N1', authority: 'samr', price: [300, 700], work: '仓库叉车驾驶' },
  { key: 'crane', names: ['起重机证', '行车证', '天车证', '桥门式起重机司机证'], formal: '起重机司机 Q2', authority: 'samr', price: [500, 1100], work: '桥式起重机操作' },
  { key: 'boiler', names: ['锅炉证', '司炉证', '锅炉工证'], formal: '工业锅炉司炉 G1', authority: 'samr', price: [600, 1200], work: '锅炉运行' },
  { key: 'elevator', names: ['电梯证', '电梯维修证', '电梯安全管理证'], formal: '电梯修理 T', authority: 'samr', price: [700, 1500], work: '电梯维保' },
  { key: 'build-elec', names: ['建筑电工证', '住建电工证', '建筑施工电工证'], formal: '建筑电工', authority: 'mohurd', price: [500, 1000], work: '施工现场临时用电' },
  { key: 'tower-crane', names: ['塔吊证', '塔式起重机司机证', '塔吊司机证'], formal: '建筑起重机械司机（塔式起重机）', authority: 'mohurd', price: [900, 1800], work: '塔吊驾驶' },
  { key: 'hoist', names: ['施工升降机证', '升降机司机证', '人货梯证'], formal: '建筑起重机械司机（施工升降机）', authority: 'mohurd', price: [700, 1400], work: '施工升降机操作' },
  { key: 'scaffold', names: ['建筑架子工证', '住建架子工证'], formal: '建筑架子工（普通脚手架）', authority: 'mohurd', price: [500, 1000], work: '建筑脚手架搭设' },
];

/** Tieba bar names (kw) and the cert types their threads talk about. */
export const TIEBA_BARS: readonly { kw: string; certs: readonly string[] }[] = [
  { kw: '电工证', certs: ['dgz-low', 'dgz-high', 'explosion-proof', 'build-elec'] },
  { kw: '焊工证', certs: ['welding', 'brazing'] },
  { kw: '特种作业', certs: ['height', 'height-maint', 'refrigeration', 'hazchem', 'coal', 'gas', 'fireworks'] },
  { kw: '考证', certs: ['dgz-low', 'welding', 'height', 'forklift', 'crane', 'tower-crane'] },
  { kw: '叉车', certs: ['forklift', 'crane', 'boiler', 'elevator', 'hoist', 'scaffold'] },
];

export function certByKey(key: string): CertType {
  const c = CERT_TYPES.find((t) => t.key === key);
  if (!c) throw new Error(`unknown cert type ${key}`);
  return c;
}
