// Decides which discovered URLs enter the frontier: scope (include/exclude or
// seed hosts), binary extensions and trap shapes (overlong URLs, parameter explosions).
import { matchesAny, type UrlPattern } from '../sources/url-pattern.js';
import { canonicalUrl } from './canonical-url.js';

const BINARY_EXTENSIONS = new Set(
  (
    'jpg jpeg png gif webp bmp ico svg tif tiff heic avif psd pdf zip rar 7z gz tgz bz2 xz tar exe msi dmg apk ipa deb rpm iso bin ' +
    'mp3 wav flac aac ogg m4a mp4 m4v avi mov wmv flv mkv webm doc docx xls xlsx ppt pptx odt ods css js mjs map woff woff2 ttf otf eot swf'
  ).split(' '),
);

export type LinkVerdict = 'ok' | 'malformed' | 'binary' | 'offsite' | 'excluded' | 'too-long';

export interface LinkFilterOptions {
  include: readonly UrlPattern[];
  exclude: readonly UrlPattern[];
  /** host:port of the seeds; the scope when no include patterns are given. */
  seedHosts: ReadonlySet<string>;
  stripParams?: readonly string[];
  maxUrlLength?: number;
}

export function hasBinaryExtension(url: URL): boolean {
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(last.slice(dot + 1).toLowerCase());
}

export class LinkFilter {
  constructor(private readonly opts: LinkFilterOptions) {}

  /** Canonicalises and judges one link; `url` is the canonical form whenever the link parses. */
  judge(href: string, base?: string): { verdict: LinkVerdict; url?: string } {
    if (href.length > 8192) return { verdict: 'too-long' };
    const canonical = canonicalUrl(href, base, { stripParams: this.opts.stripParams });
    if (!canonical) return { verdict: 'malformed' };
    if (canonical.length > (this.opts.maxUrlLength ?? 2048)) return { verdict: 'too-long' };
    const u = new URL(canonical);
    if (hasBinaryExtension(u)) return { verdict: 'binary', url: canonical };
    if (matchesAny(this.opts.exclude, canonical)) return { verdict: 'excluded', url: canonical };
    if (this.opts.include.length) {
      if (!matchesAny(this.opts.include, canonical)) return { verdict: 'offsite', url: canonical };
    } else if (!this.opts.seedHosts.has(u.host)) return { verdict: 'offsite', url: canonical };
    return { verdict: 'ok', url: canonical };
  }
}
