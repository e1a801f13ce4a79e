// The zod schema of a crawl source (sources.yaml): what to fetch, how politely,
// and how to read it. Validated once at start so a bad file fails loudly, not mid-crawl.
import { z } from 'zod';
import { compileUrlPattern } from './url-pattern.js';
import { cronProblem, selectorProblem, urlTemplateProblem } from './value-checks.js';

const urlString = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');

const pattern = z.string().min(1).superRefine((s, ctx) => {
  try {
    compileUrlPattern(s);
  } catch (err) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `bad pattern: ${(err as Error).message}` });
  }
});

/** Turns a check returning a reason (or undefined) into a zod refinement with that reason. */
function checked(check: (s: string) => string | undefined) {
  return (s: string, ctx: z.RefinementCtx) => {
    const problem = check(s);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  };
}

const cssSelector = z.string().min(1).superRefine(checked(selectorProblem));

/** `${VAR}` interpolation yields strings; numbers and booleans written that way are read as such. */
function fromEnvString<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const t = v.trim();
    if (t === 'true') return true;
    if (t === 'false') return false;
    return t !== '' && Number.isFinite(Number(t)) ? Number(t) : v;
  }, schema);
}

/** Per-site CSS selectors that refine the generic extractor. */
export const siteSelectorsSchema = z
  .object({
    /** One element per post/floor/answer/ad. */
    post: cssSelector.optional(),
    author: cssSelector.optional(),
    time: cssSelector.optional(),
    title: cssSelector.optional(),
    body: cssSelector.optional(),
    floor: cssSelector.optional(),
    /** The question on a Q&A page (becomes position 0, answers follow). */
    question: cssSelector.optional(),
    /** Pages whose URL matches one of these never yield posts (lists, indexes, search results). */
    listPages: z.array(pattern).optional(),
  })
  .strict();

/**
 * A reveal rule fetches one more URL for a matching page and adds its text to
 * FetchedPage.extras[name]: the XHR behind a "show phone" button, or the JSON a
 * JS-rendered thread loads. The URL comes from an attribute on the page, from a
 * template over the page URL's regex captures ({1}, {2}…) and query ({q:NAME}),
 * or both: with selector+attr and url, each attribute value fills the template's {attr}.
 */
export const revealRuleSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
    /** Pages this rule applies to (glob or /regex/ on the page URL). */
    match: pattern,
    /** Take the endpoint URL from this element's attribute… */
    selector: cssSelector.optional(),
    attr: z.string().min(1).optional(),
    /** …or build it from this template (relative to the page URL). */
    url: z.string().min(1).superRefine(checked(urlTemplateProblem)).optional(),
    /** Take every matching element (e.g. one phone button per floor), up to this many. */
    max: fromEnvString(z.number().int().positive().max(50).default(5)),
  })
  .strict()
  .refine((r) => (r.selector && r.attr) || r.url, {
    message: 'needs either selector+attr or url',
  });

export const searchSchema = z
  .object({
    /** URL templates with a `{query}` placeholder (URL-encoded on expansion). */
    templates: z.array(z.string().includes('{query}', { message: 'must contain {query}' }).superRefine(checked(urlTemplateProblem))).min(1),
    queries: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and - only'),
    name: z.string().min(1),
    /** Kind of site; informs defaults in the extractor and reports (discuz, tieba, classifieds, qa, search, seo, news, …). */
    platform: z.string().min(1).default('generic'),
    enabled: fromEnvString(z.boolean().default(true)),
    seeds: z.array(urlString).default([]),
    search: searchSchema.optional(),
    /** When given, a discovered URL must match one of these; otherwise it must stay on a seed's host. */
    include: z.array(pattern).default([]),
    exclude: z.array(pattern).default([]),
    maxDepth: fromEnvString(z.number().int().min(0).max(50).default(3)),
    maxPages: fromEnvString(z.number().int().positive().max(10_000_000).default(1000)),
    maxPagesPerHost: fromEnvString(z.number().int().positive().optional()),
    render: z.enum(['http', 'browser']).default('http'),
    /** Cron expression for the scheduler (5 or 6 fields), parsed here as BullMQ will parse it. */
    schedule: z.string().superRefine(checked(cronProblem)).optional(),
    /** Requests per second per host, shared by every crawler process (Redis lease). */
    rate: fromEnvString(z.number().positive().max(1000).default(1)),
    concurrency: fromEnvString(z.number().int().positive().max(64).default(4)),
    userAgent: z.string().min(1).optional(),
    /** Extra query parameters to drop when canonicalising URLs (on top of utm_*, spm, from…). */
    stripParams: z.array(z.string().min(1)).default([]),
    selectors: siteSelectorsSchema.optional(),
    reveal: z.array(revealRuleSchema).default([]),
    /** Per-request timeout. */
    timeoutSecs: fromEnvString(z.number().positive().max(300).default(30)),
    /**
     * Let this source's requests (pages, reveal endpoints, what its pages load, captures) reach
     * loopback, private and link-local addresses. Only for a lab or the sandbox web on 127.0.0.x.
     * @default false
     */
    allowPrivateAddresses: fromEnvString(z.boolean().default(false)),
    /** Bodies larger than this are skipped and counted. */
    maxBodyBytes: fromEnvString(z.number().int().positive().default(5 * 1024 * 1024)),
    /**
     * Every this many runs the crawl walks in full: no conditional request, no page cut short, every
     * listing paged to its end, so posts edited or removed deep in a listing are found (`http` sources;
     * 1 turns incremental crawling off). The runs between send conditional requests and stop a
     * listing's walk at a list page whose items are all known.
     * @default 7
     */
    fullWalkEvery: fromEnvString(z.number().int().min(1).max(1000).default(7)),
  })
  .strict()
  .refine((s) => s.seeds.length > 0 || s.search, { message: 'needs seeds or search', path: ['seeds'] });

export const sourcesFileSchema = z
  .object({
    sources: z.array(z.unknown()).min(1, 'at least one source'),
  })
  .strict();

export type SiteSelectors = z.infer<typeof siteSelectorsSchema>;
export type RevealRule = z.infer<typeof revealRuleSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
/** What a caller may write (defaults not yet applied). */
export type SourceConfigInput = z.input<typeof sourceSchema>;
