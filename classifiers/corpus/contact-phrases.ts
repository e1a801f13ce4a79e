// How the corpus's sellers (and legitimate advertisers) leave a way to reach them.
import type { CorpusRandom } from './corpus-random.js';

export function sellerContact(r: CorpusRandom): string {
  const phone = r.phone();
  const forms = [
    () => `电话微信同号${r.spacedPhone(phone)}`,
    () => `联系电话：${r.spacedPhone(phone)}（微信同号）`,
    () => `${r.pick(['加微信', '加V', '➕V', '微信', 'vx', 'V信'])}：${r.wechatId()}`,
    () => `${r.pick(['微信', '加微信'])}${r.wechatId()} ${r.pick(['电话', '手机', 'Tel'])}${r.spacedPhone(phone)}`,
    () => `QQ：${r.qq()}`,
    () => `${r.person()} ${r.spacedPhone(phone)}`,
    () => `咨询热线${r.spacedPhone(phone)}`,
    () => `详情请加微信${r.wechatId()}咨询`,
    () => `官网：www.${r.domain()} 客服微信${r.wechatId()}`,
    () => `扫码或搜索微信号${r.wechatId()}，备注“办证”`,
    () => `私信或加Q${r.qq()}`,
    () => `手机/微信：${r.spacedPhone(phone)}`,
    () => `${r.spacedPhone(phone)}${r.person()}`,
    () => `联系我：${r.wechatId()}（微信）`,
  ];
  return r.pick(forms)();
}

export function businessContact(r: CorpusRandom): string {
  const forms = [
    () => `报名电话：0${r.int(10, 999)}-${r.int(2000000, 89999999)}`,
    () => `咨询电话：${r.phone()}（${r.person()}）`,
    () => `联系人：${r.person()}，电话${r.phone()}`,
    () => `地址：${r.city()}市${r.pick(['高新区', '开发区', '城南', '经开区'])}${r.pick(['建设路', '人民路', '工业大道', '学府路'])}${r.int(1, 399)}号`,
    () => `简历投递：hr${r.int(1, 99)}@${r.pick(['company', 'jianshe', 'dianli', 'gongcheng'])}.com`,
    () => `官网：www.${r.pick(['pxxx', 'jypx', 'zypx', 'aqpx'])}${r.int(1, 99)}.com`,
    () => `微信公众号：${r.city()}${r.pick(['职业培训', '安全培训', '技工学校'])}`,
  ];
  return r.pick(forms)();
}
