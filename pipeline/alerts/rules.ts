// The alert rules as plain functions over facts already read (runs, queue counts, new sellers,
// failed captures), so each threshold is tested and explained in one place.
import type { CertwatchConfig } from '../config/schema.js';
import { runFigures, type RunFigures } from '../metrics/run-figures.js';
import type { QueueName } from '../queues/names.js';
import type { Alert } from './alert.js';

export type AlertRules = CertwatchConfig['alerts']['rules'];

export interface RunFact {
  id: number;
  status: string;
  finishedAt: Date;
  stats: Record<string, unknown>;
  error: string | null;
}

export interface SourceFacts {
  source: string;
  name: string;
  latest: RunFact;
  previous?: RunFact;
}

export interface QueueFacts {
  name: QueueName;
  backlog: number;
  failed: number;
}

export interface SellerFact {
  id: number;
  score: number;
  createdAt: Date;
  sources: string[];
  listings: number;
}

export interface CaptureFailureFact {
  source: string;
  count: number;
  lastAt: Date;
  reasons: string[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function sourceAlerts(f: SourceFacts, rules: AlertRules): Alert[] {
  const out: Alert[] = [];
  const now = runFigures(f.latest.stats);
  const before: RunFigures | undefined = f.previous ? runFigures(f.previous.stats) : undefined;
  const base = { source: f.source, path: `/sources#source-${encodeURIComponent(f.source)}`, eventAt: f.latest.finishedAt };
  const facts = { runId: f.latest.id, status: f.latest.status, pages: now.pages, posts: now.posts, errors: now.errors, requests: now.requests, previousRunId: f.previous?.id ?? null, previousPosts: before?.posts ?? null };
  // Posts are judged on full walks only, against the full walk before (lastFinishedRuns pairs runs of one kind):
  // an incremental run parses what changed, so few or no posts there says nothing about the site.
  const judgePosts = now.fullWalk && f.latest.status === 'done';
  if (judgePosts && rules.zeroPosts && now.posts === 0 && before && before.posts > 0) {
    out.push({ ...base, key: `zero-posts:${f.source}`, kind: 'zero-posts', severity: 'critical', facts,
      title: `数据源 ${f.source} 本次抓取没有帖子 (no posts)`,
      message: `Source ${f.source} (${f.name}) fetched ${now.pages} pages but extracted no posts; the run before extracted ${before.posts}. The site's layout or the source's selectors may have changed.` });
  } else if (judgePosts && before && before.posts >= rules.postsDropMin && now.posts > 0 && now.posts < before.posts * (1 - rules.postsDrop)) {
    const drop = 1 - now.posts / before.posts;
    out.push({ ...base, key: `posts-drop:${f.source}`, kind: 'posts-drop', severity: 'warning', facts: { ...facts, drop },
      title: `数据源 ${f.source} 帖子数下降 ${pct(drop)} (posts dropped)`,
      message: `Source ${f.source} (${f.name}) extracted ${now.posts} posts against ${before.posts} in the run before (down ${pct(drop)}, threshold ${pct(rules.postsDrop)}).` });
  }
  const rate = now.requests > 0 ? now.errors / now.requests : 0;
  if (f.latest.status === 'failed' || (now.requests >= 10 && rate > rules.errorRate)) {
    out.push({ ...base, key: `crawl-errors:${f.source}`, kind: 'crawl-errors', severity: f.latest.status === 'failed' ? 'critical' : 'warning', facts: { ...facts, errorRate: rate, error: f.latest.error?.slice(0, 300) ?? null },
      title: f.latest.status === 'failed' ? `数据源 ${f.source} 抓取失败 (crawl failed)` : `数据源 ${f.source} 错误率 ${pct(rate)} (error rate)`,
      message: f.latest.status === 'failed'
        ? `The latest crawl of ${f.source} (${f.name}) failed: ${f.latest.error?.slice(0, 300) ?? 'no reason recorded'}.`
        : `${now.errors} of ${now.requests} requests of the latest crawl of ${f.source} (${f.name}) failed (${pct(rate)}, threshold ${pct(rules.errorRate)}).` });
  }
  if (rules.robotsChange > 0 && before && now.robotsSkipped - before.robotsSkipped >= rules.robotsChange) {
    out.push({ ...base, key: `robots-change:${f.source}`, kind: 'robots-change', severity: 'warning', facts: { ...facts, robotsSkipped: now.robotsSkipped, previousRobotsSkipped: before.robotsSkipped },
      title: `数据源 ${f.source} 的 robots.txt 禁止了更多页面 (robots change)`,
      message: `robots.txt refused ${now.robotsSkipped} URLs of ${f.source} (${f.name}) in the latest run against ${before.robotsSkipped} in the run before: the site's robots rules changed.` });
  }
  return out;
}

export function queueAlerts(q: QueueFacts, rules: AlertRules, at: Date): Alert[] {
  const out: Alert[] = [];
  const base = { source: null, path: '/jobs', eventAt: at };
  if (q.backlog > rules.queueBacklog)
    out.push({ ...base, key: `queue-backlog:${q.name}`, kind: 'queue-backlog', severity: 'warning', facts: { queue: q.name, backlog: q.backlog, threshold: rules.queueBacklog },
      title: `队列 ${q.name} 积压 ${q.backlog} 个任务 (backlog)`, message: `${q.backlog} jobs wait in the ${q.name} queue (threshold ${rules.queueBacklog}): workers are missing or too slow.` });
  if (q.failed > rules.failedJobs)
    out.push({ ...base, key: `failed-jobs:${q.name}`, kind: 'failed-jobs', severity: 'warning', facts: { queue: q.name, failed: q.failed, threshold: rules.failedJobs },
      title: `队列 ${q.name} 有 ${q.failed} 个失败任务 (failed jobs)`, message: `${q.failed} jobs of the ${q.name} queue failed for good (threshold ${rules.failedJobs}); the queue board lists them with their errors.` });
  return out;
}

export function sellerAlert(s: SellerFact): Alert {
  return {
    key: `new-seller:${s.id}`, kind: 'new-seller', severity: 'info', source: s.sources[0] ?? null, path: `/sellers/${s.id}`, eventAt: s.createdAt,
    facts: { sellerId: s.id, score: s.score, sources: s.sources, listings: s.listings },
    title: `新卖家 #${s.id} 评分 ${s.score.toFixed(2)} (new seller)`,
    message: `A new seller #${s.id} with score ${s.score.toFixed(2)} was found on ${s.sources.join(', ') || 'an unknown source'} (${s.listings} posts).`,
  };
}

export function captureAlert(c: CaptureFailureFact): Alert {
  return {
    key: `capture-failures:${c.source}`, kind: 'capture-failures', severity: 'warning', source: c.source, path: '/jobs', eventAt: c.lastAt,
    facts: { source: c.source, failed: c.count, reasons: c.reasons },
    title: `数据源 ${c.source} 取证失败 ${c.count} 次 (capture failures)`,
    message: `${c.count} evidence captures of posts from ${c.source} failed for good in the last hour: ${c.reasons.join(' | ').slice(0, 400)}`,
  };
}
