// URL include/exclude patterns for source configs: a glob ("*" = any run of
// characters, everything else literal, so "?" in a URL's query needs no escape) or a /regex/flags.
export interface UrlPattern {
  source: string;
  test(url: string): boolean;
}

/** Compiles a pattern; throws an Error with a readable reason on a malformed regex. */
export function compileUrlPattern(pattern: string): UrlPattern {
  const regexForm = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (regexForm) {
    const re = new RegExp(regexForm[1]!, regexForm[2]!.replace(/[gy]/g, ''));
    return { source: pattern, test: (url) => re.test(url) };
  }
  if (pattern.startsWith('re:')) {
    const re = new RegExp(pattern.slice(3));
    return { source: pattern, test: (url) => re.test(url) };
  }
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${body}$`, 's');
  return { source: pattern, test: (url) => re.test(url) };
}

export function matchesAny(patterns: readonly UrlPattern[], url: string): boolean {
  for (const p of patterns) if (p.test(url)) return true;
  return false;
}
