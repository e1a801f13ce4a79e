// The per-source table `certwatch crawl --all --wait` prints: one line a source, so an
// operator sees at a glance which source fetched nothing, failed, or left work owed.
import type { SourceRunSummary } from '../pipeline/storage/run-summaries.js';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function formatRunSummaries(rows: (SourceRunSummary & { jobState: string })[], seconds: number): string {
  const head = ['source', 'run', 'pages', 'new', 'changed', 'errors', 'posts', 'flagged', 'owed', 'time'];
  const body = rows.map((r) => {
    const took = r.finishedAt ? `${((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1)} s` : '—';
    const owed =
      r.pagesNotAnalysed + r.picturesNotRead + r.postsNotLinked
        ? `${r.pagesNotAnalysed} pages, ${r.picturesNotRead ? `${r.picturesNotRead} pictures, ` : ''}${r.postsNotLinked} posts`
        : '0';
    const run = r.jobState === 'completed' ? r.status : `${r.status} (${r.jobState})`;
    return [r.sourceId, run, num(r.stats.pages), num(r.stats.newPages), num(r.stats.changed), num(r.stats.pageErrors), r.posts, r.flagged, owed, took].map(String);
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const failed = rows.filter((r) => r.error);
  return [
    `crawl --all: ${rows.length} sources in ${seconds.toFixed(1)} s`,
    line(head),
    ...body.map(line),
    ...failed.map((r) => `  ${r.sourceId}: ${r.error}`),
  ].join('\n');
}
