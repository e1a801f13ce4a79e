// Whether a page imitates the Ministry's certificate query platform: an official-looking title
// with a query form or a result that "confirms" a certificate, on a host that is not official.
import type { QueryPageSignals } from '../../crawlers/index.js';
import type { OfficialHosts } from './official-hosts.js';

export interface CloneVerdict {
  clone: boolean;
  /** 0..1: how many of the platform's marks the page copies. */
  score: number;
  /** What the page was judged on, in words an analyst reads (Chinese, as on the page). */
  reasons: string[];
  /** 'form': a query page; 'result': a page that "confirms" a certificate. */
  look?: 'form' | 'result';
}

// The platform's own name and the names clones give themselves.
const PLATFORM_TITLE = [
  /特种作业操作证.{0,12}(?:查询|核验|验证|查验)/,
  /安全生产知识和管理能力考核合格/,
  /(?:特种作业|操作证|安全生产考试).{0,10}(?:查询|核验)(?:系统|平台|中心|网|服务)/,
  /(?:全国|国家).{0,8}(?:特种作业|安全生产考试|安全生产).{0,12}(?:查询|核验)/,
  /应急管理部.{0,16}(?:查询|核验)/,
];
// What the platform's header and footer say of itself, copied to look official.
const EMBLEM = /中华人民共和国应急管理部|应急管理部主办|国家安全生产监督管理总局|国家安全生产考试|政府网站标识码|全国联网查询|官方查询|权威查询/;
// Fields a certificate query asks for.
const CERT_NUMBER = /证号|证书编号|证书号|证件号|证件编号|操作证号|身份证/;
const HOLDER = /姓名|持证人/;
// A result that vouches for the certificate.
const CONFIRMS = /(?:证书|该证|证件|信息)?.{0,6}(?:真实有效|有效期内|状态\s*[:：]?\s*有效|核验通过|验证通过|查询成功|已备案|真实可查|该证书有效|证书有效)/;
const RESULT_FIELDS = /作业类别|准操项目|操作项目|发证机关|初领日期|有效期|复审日期/g;

export function recogniseClone(page: QueryPageSignals, pageUrl: string, official: OfficialHosts): CloneVerdict {
  const reasons: string[] = [];
  if (official.isOfficial(pageUrl)) return { clone: false, score: 0, reasons: ['官方域名'] };
  const head = `${page.title} | ${page.headings}`;
  const titled = PLATFORM_TITLE.some((re) => re.test(head));
  if (titled) reasons.push(`仿冒官方查询平台标题：${page.title || page.headings.slice(0, 60)}`);
  const emblem = EMBLEM.exec(`${head} ${page.text}`);
  if (emblem) reasons.push(`冒用官方标识：${emblem[0]}`);
  // A form that hands the visitor to an official host is a referral, not a clone (a provincial
  // page or a school pointing at the platform).
  const certForms = page.forms.filter((f) => f.fields.some((x) => CERT_NUMBER.test(x)));
  const ownForms = certForms.filter((f) => !official.isOfficial(f.action));
  const referralForms = certForms.length - ownForms.length;
  if (ownForms.length) {
    const asks = [...new Set(ownForms.flatMap((f) => f.fields.map((x) => (CERT_NUMBER.exec(x) ?? HOLDER.exec(x))?.[0]).filter((x): x is string => !!x)))];
    reasons.push(`自建证书查询表单（${asks.join('、')}）`);
  }
  const confirms = CONFIRMS.exec(page.text);
  const resultFields = new Set(page.text.match(RESULT_FIELDS) ?? []).size;
  const result = !!confirms && resultFields >= 2;
  if (result) reasons.push(`查询结果页“确认”证书：${confirms![0].trim()}`);
  const pointsToOfficial = page.links.some((u) => official.isOfficial(u)) || referralForms > 0;
  // The marks: a platform title, the emblem words, an own query form, a confirming result.
  const marks = [titled, !!emblem, ownForms.length > 0, result];
  const score = marks.filter(Boolean).length / marks.length;
  // A clone shows the platform's name (or its emblem) and does the platform's work itself. A page
  // that only talks about the platform, or sends the visitor on to it, is not one.
  const clone = (titled || !!emblem) && (ownForms.length > 0 || result);
  if (!clone && pointsToOfficial) reasons.push('指向官方平台');
  return { clone, score, reasons, ...(clone ? { look: result ? 'result' : 'form' } : {}) };
}
