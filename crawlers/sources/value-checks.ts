// Checks for source values that only fail deep inside a run when they are wrong (a cron
// field BullMQ rejects, a selector cheerio cannot compile, a reveal URL off the web).
import { load } from 'cheerio';
import { CronExpressionParser } from 'cron-parser';

/** Why `expr` is not a schedule BullMQ can keep, or undefined. Parsed by the cron-parser BullMQ uses. */
export function cronProblem(expr: string): string | undefined {
  const fields = expr.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return `must be a 5- or 6-field cron expression, got ${fields.length} field(s)`;
  try {
    CronExpressionParser.parse(expr.trim());
    return undefined;
  } catch (err) {
    return `not a valid cron expression: ${(err as Error).message}`;
  }
}

// One tiny document, compiled against once per selector: cheerio compiles a selector on first use,
// which is where a bad one throws (syntax, pseudo-elements, unknown pseudo-classes).
let probe: ReturnType<typeof load> | undefined;

/** Why cheerio (the extractor's engine) cannot run `selector`, or undefined. */
export function selectorProblem(selector: string): string | undefined {
  probe ??= load('<p></p>');
  try {
    probe(selector);
    return undefined;
  } catch (err) {
    return `not a usable CSS selector: ${(err as Error).message}`;
  }
}

/** A URL template with a scheme must be http(s); without one it is resolved against the page URL. */
export function urlTemplateProblem(template: string): string | undefined {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(template)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'http' || scheme === 'https') return undefined;
  return `must be an http(s) URL or a path relative to the page, not ${scheme}:`;
}
