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

// Handles that many unrelated people post under: placeholders the sites print for anonymous,
// deleted or logged-out authors, and role names. They say nothing about who wrote a post.
const GENERIC_HANDLES = new Set([
  '匿名', '匿名用户', '匿名网友', '游客', '访客', '网友', '用户', '热心网友', '知道网友', '百度网友', '新浪网友', '手机网友', '路人', '路人甲',
  '楼主', '层主', '版主', '管理员', '站长', '客服', '小编', '系统', '系统消息', '已注销', '已注销用户', '该用户已注销', '已删除', '未登录',
  '未知', '无名氏', 'guest', 'anonymous', 'anon', 'admin', 'administrator', 'moderator', 'user', 'unknown', 'deleted', 'nobody', 'null', 'none',
]);

export function isWellKnownHost(host: string): boolean {
  const bare = host.replace(/:\d+$/, '');
  return WELL_KNOWN.some((d) => bare === d || bare.endsWith(`.${d}`));
}

export function isGenericHandle(handle: string): boolean {
  const h = handle.trim().toLowerCase();
  return (
    h.length < 2 ||
    GENERIC_HANDLES.has(h) ||
    // 游客123, 网友a1b2, 百度网友7f3e, guest_42, user12345: numbered placeholders, not accounts.
    /^(?:游客|访客|网友|用户|匿名用户|匿名|百度网友|热心网友|知道网友|手机网友)[\s_-]?[0-9a-z*]*$/.test(h) ||
    /^(?:guest|user|anonymous)[\s_-]?\d+$/.test(h) ||
    // 112.80.*.*, 61.135.x.x: forums that show a poster's masked IP instead of a name.
    /^\d{1,3}(?:\.(?:\d{1,3}|\*|x)){3}\*?$/i.test(h)
  );
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
