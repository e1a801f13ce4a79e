// robots.txt parsing and matching per RFC 9309: user-agent groups, longest-match
// allow/disallow with `*` and `$`, allow winning ties, and crawl-delay as a floor.
export interface RobotsRule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
  crawlDelaySecs?: number;
}

export type RobotsPolicy =
  | { kind: 'rules'; groups: RobotsGroup[]; sitemaps: string[] }
  /** 4xx: no robots.txt, everything allowed (RFC 9309 §2.3.1.3). */
  | { kind: 'allow-all'; reason: string }
  /** 5xx or unreachable: assume complete disallow (RFC 9309 §2.3.1.4). */
  | { kind: 'disallow-all'; reason: string };

/** RFC 9309 parsers must handle at least 500 KiB; anything beyond is ignored. */
const MAX_ROBOTS_BYTES = 500 * 1024;

function normalisePath(pattern: string): string {
  // Percent-encode what the URL would encode so patterns and paths compare alike.
  try {
    return pattern.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  } catch {
    return pattern;
  }
}

function compileRule(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const core = anchored ? pattern.slice(0, -1) : pattern;
  const body = core
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`, 's');
}

export function parseRobots(text: string): RobotsPolicy {
  const groups: RobotsGroup[] = [];
  const sitemaps: string[] = [];
  let current: RobotsGroup | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.slice(0, MAX_ROBOTS_BYTES).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      sitemaps.push(value);
      continue;
    }
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      // An empty disallow means "allow everything" and contributes no rule.
      if (!value) continue;
      const pattern = normalisePath(value);
      current.rules.push({ allow: key === 'allow', pattern, regex: compileRule(pattern) });
    } else if (key === 'crawl-delay') {
      const secs = Number(value);
      if (Number.isFinite(secs) && secs >= 0) current.crawlDelaySecs = Math.min(secs, 60);
    }
  }
  return { kind: 'rules', groups, sitemaps };
}

/** The product token of a User-Agent string: "certwatch-bot/1.0 (+url)" → "certwatch-bot". */
export function productToken(userAgent: string): string {
  const m = /^[A-Za-z_-]+/.exec(userAgent.trim());
  return (m ? m[0] : userAgent).toLowerCase();
}

/** Groups for this agent: every group naming it (merged), else the `*` groups. */
export function groupsFor(policy: RobotsPolicy, userAgent: string): RobotsGroup[] {
  if (policy.kind !== 'rules') return [];
  const token = productToken(userAgent);
  const named = policy.groups.filter((g) => g.agents.some((a) => a !== '*' && a === token));
  if (named.length) return named;
  return policy.groups.filter((g) => g.agents.includes('*'));
}

/** Path plus query, as robots rules see it. */
function robotsPath(url: URL): string {
  return normalisePath((url.pathname || '/') + url.search);
}

export function isAllowed(policy: RobotsPolicy, userAgent: string, url: string | URL): boolean {
  if (policy.kind === 'allow-all') return true;
  if (policy.kind === 'disallow-all') return false;
  const u = typeof url === 'string' ? new URL(url) : url;
  const path = robotsPath(u);
  if (path === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const group of groupsFor(policy, userAgent)) {
    for (const rule of group.rules) {
      if (!rule.regex.test(path)) continue;
      if (
        !best ||
        rule.pattern.length > best.pattern.length ||
        (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)
      ) {
        best = rule;
      }
    }
  }
  return best ? best.allow : true;
}

export function crawlDelaySecs(policy: RobotsPolicy, userAgent: string): number {
  let delay = 0;
  for (const g of groupsFor(policy, userAgent)) delay = Math.max(delay, g.crawlDelaySecs ?? 0);
  return delay;
}
