// Reveal rules: the extra request a human would trigger (a "show phone" click, a
// JS thread loader), fetched politely and added to FetchedPage.extras.
import type { CheerioAPI } from 'cheerio';
import { countSkip, type CrawlRun, SkipRequest } from './crawl-run.js';
import { classifyError, countError } from './crawl-stats.js';
import { politeFetch } from './fetch/polite-fetch.js';
import type { RevealRule } from './sources/schema.js';
import { compileUrlPattern } from './sources/url-pattern.js';

/** Endpoint URLs for one rule on one page, resolved against the page URL. */
export function revealEndpoints(rule: RevealRule, pageUrl: string, $: CheerioAPI): string[] {
  const out = new Set<string>();
  const add = (raw: string | undefined) => {
    if (!raw) return;
    try {
      const u = new URL(raw.trim(), pageUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.add(u.href);
    } catch {
      // A malformed endpoint on a hostile page is simply not followed.
    }
  };
  const page = new URL(pageUrl);
  const regexForm = /^\/(.*)\/([a-z]*)$/s.exec(rule.match);
  const captures = regexForm ? (new RegExp(regexForm[1]!, regexForm[2]!.replace(/[gy]/g, '')).exec(pageUrl) ?? []) : [];
  const fill = (template: string, attr?: string) =>
    template
      .replace(/\{(\d)\}/g, (_, n: string) => encodeURIComponent(captures[Number(n)] ?? ''))
      .replace(/\{q:([^}]+)\}/g, (_, name: string) => encodeURIComponent(page.searchParams.get(name) ?? ''))
      .replace(/\{attr\}/g, encodeURIComponent(attr ?? ''))
      .replace(/\{path\}/g, page.pathname)
      .replace(/\{url\}/g, encodeURIComponent(pageUrl));
  if (rule.selector && rule.attr) {
    const values: string[] = [];
    try {
      $(rule.selector)
        .slice(0, rule.max)
        .each((_, el) => {
          const v = $(el).attr(rule.attr!);
          if (v) values.push(v);
        });
    } catch {
      // Selectors were validated for syntax only; a page can still defeat them.
    }
    for (const v of values) add(rule.url ? fill(rule.url, v) : v);
  } else if (rule.url) {
    add(fill(rule.url));
  }
  return [...out].slice(0, rule.max);
}

/** Runs every matching rule; failures are counted and leave the page as it was. */
export async function applyReveals(run: CrawlRun, pageUrl: string, $: CheerioAPI): Promise<Record<string, string>> {
  const extras: Record<string, string> = {};
  for (const rule of run.source.reveal) {
    if (!compileUrlPattern(rule.match).test(pageUrl)) continue;
    const texts: string[] = [];
    for (const endpoint of revealEndpoints(rule, pageUrl, $)) {
      // An endpoint is page-controlled: only the source's own hosts and include patterns.
      if (!run.outbound.inScope(endpoint)) {
        run.stats.skippedRefused++;
        continue;
      }
      try {
        const res = await politeFetch(run, endpoint, pageUrl);
        if (res.status >= 200 && res.status < 300) {
          texts.push(res.text);
          run.stats.reveals++;
        } else countError(run.stats, `http_${res.status}`);
      } catch (err) {
        if (err instanceof SkipRequest) countSkip(run.stats, err);
        else countError(run.stats, classifyError(err));
      }
    }
    if (texts.length) extras[rule.name] = texts.length === 1 ? texts[0]! : JSON.stringify(texts.map((t) => safeJson(t)));
  }
  return extras;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
