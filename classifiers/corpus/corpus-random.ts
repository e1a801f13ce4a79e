// Small seeded helpers the corpus templates share: picking phrases, making up
// phone numbers, WeChat/QQ ids, seller names, domains and prices.
import { seededRandom } from '../training/seeded-random.js';

export class CorpusRandom {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  some<T>(items: readonly T[], lo: number, hi: number): T[] {
    const copy = [...items];
    const n = Math.min(copy.length, this.int(lo, hi));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
  phone(): string {
    const prefix = this.pick(['13', '15', '17', '18', '19', '14', '16']);
    let s = prefix + this.int(0, 9);
    for (let i = 0; i < 8; i++) s += this.int(0, 9);
    return s;
  }
  spacedPhone(p = this.phone()): string {
    const sep = this.pick([' ', '-', ' ', '.', '']);
    return this.chance(0.5) ? `${p.slice(0, 3)}${sep}${p.slice(3, 7)}${sep}${p.slice(7)}` : p;
  }
  wechatId(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const stems = ['zs', 'zheng', 'cert', 'ban', 'kz', 'dg', 'wang', 'li', 'zhang', 'xm', 'ks', 'tz', 'aq', 'hg', 'dq', 'vip', 'laoli', 'xiaowang'];
    let s = this.pick(stems);
    while (s.length < this.int(6, 10)) s += this.chance(0.5) ? letters[this.int(0, 25)] : String(this.int(0, 9));
    if (this.chance(0.2)) s += '_' + this.int(10, 999);
    return s;
  }
  qq(): string {
    let s = String(this.int(1, 9));
    const len = this.int(6, 10);
    while (s.length < len) s += this.int(0, 9);
    return s;
  }
  domain(): string {
    const a = this.pick(['zhengshu', 'zs', 'dgz', 'tzzy', 'aqsc', 'cx-mem', 'mem-cx', 'tezhong', 'czzs', 'zyzg', 'hgz', 'dgzs', 'kz', 'banzheng', 'zgzs']);
    const b = this.pick(['-cert', '-cx', '888', '-cha', 'cx', '-gov', '365', '-zx', '']);
    return `${a}${b}.${this.pick(['com', 'cn', 'top', 'net', 'xyz', 'vip', 'cc', 'com.cn'])}`;
  }
  surname(): string {
    return this.pick(['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高']);
  }
  person(): string {
    return this.surname() + this.pick(['经理', '老师', '先生', '小姐', '主任', '姐', '哥', '总', '工']);
  }
  city(): string {
    return this.pick(['北京', '上海', '广州', '深圳', '东莞', '佛山', '苏州', '杭州', '南京', '武汉', '成都', '重庆', '郑州', '西安', '长沙', '合肥', '济南', '青岛', '天津', '沈阳', '昆明', '南宁', '太原', '石家庄', '宁波', '厦门', '福州', '贵阳', '南昌', '哈尔滨']);
  }
  price(): number {
    return this.pick([280, 300, 350, 380, 400, 450, 480, 500, 580, 600, 680, 800, 880, 980, 1200, 1500, 1800, 2500, 3000]);
  }
}
