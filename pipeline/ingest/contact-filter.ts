// Decides which contacts may link listings: a forum's own host, or baidu.com, appears in
// thousands of unrelated posts and would glue every seller into one, so they never count.
import type { SourceConfig } from '../../crawlers/index.js';
import { SiteDirectory, hostKey } from './site-directory.js';

export { hostKey };

// Sites that appear in posts for reasons that say nothing about who wrote them.
const WELL_KNOWN = [
  'baidu.com', 'qq.com', 'weixin.qq.com', 'wechat.com', 'weibo.com', 'weibo.cn', 'sina.com.cn', 'sohu.com', '163.com', '126.com',
  'zhihu.com', '58.com', 'ganji.com', 'baixing.com', 'taobao.com', 'tmall.com', 'jd.com', 'alipay.com', 'douyin.com', 'kuaishou.com',
  'bilibili.com', 'xiaohongshu.com', 'toutiao.com', 'people.com.cn', 'xinhuanet.com', 'cctv.com', 'chinanews.com', 'gov.cn', 'edu.cn',
  'org.cn', 'google.com', 'bing.com', 'github.com', 'w3.org', 'example.com', 'example.org', 'localhost',
];

// Handles that many unrelated people post under.
const GENERIC_HANDLES = new Set(['匿名', '匿名用户', '游客', '网友', '用户', 'guest', 'anonymous', 'admin', '管理员', '楼主', '热心网友', '知道网友']);

export function isWellKnownHost(host: string): boolean {
  const bare = host.replace(/:\d+$/, '');
  return WELL_KNOWN.some((d) => bare === d || bare.endsWith(`.${d}`));
}

export function isGenericHandle(handle: string): boolean {
  const h = handle.trim().toLowerCase();
  return h.length < 2 || GENERIC_HANDLES.has(h) || /^(?:游客|网友|用户|guest)[\s_-]?\w*$/i.test(h) || /^\d{1,3}(?:\.\d{1,3}){3}\*?$/.test(h);
}

export class ContactFilter {
  readonly sites: SiteDirectory;

  constructor(sources: SourceConfig[]) {
    this.sites = new SiteDirectory(sources);
  }

  /** Whether a url contact (host[:port]) may identify a seller when found on `pageUrl`. */
  allowsUrl(host: string, pageUrl: string, sellerSite: boolean): boolean {
    const h = host.toLowerCase().replace(/^www\./, '');
    if (this.sites.isPlatformHost(h) || isWellKnownHost(h)) return false;
    if (!sellerSite && hostKey(pageUrl) === h) return false;
    return true;
  }
}
