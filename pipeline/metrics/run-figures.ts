// One reading of a crawl_runs.stats document (the worker's counts with the crawler's nested
// under `crawler`; older or hand-made rows flat), shared by the metrics and the alert rules.
export interface RunFigures {
  pages: number;
  posts: number;
  /** Failed requests by any cause plus pages that could not be stored. */
  errors: number;
  requests: number;
  robotsSkipped: number;
  durationMs: number;
  /**
   * Whether the run walked its source in full. An incremental run parses only what changed, so its
   * posts and skips follow the day's changes, not the site; runs before incremental crawling were full.
   */
  fullWalk: boolean;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function sumErrors(e: unknown): number {
  if (typeof e === 'number') return e;
  if (e && typeof e === 'object') return Object.values(e).reduce<number>((a, v) => a + num(v), 0);
  return 0;
}

export function runFigures(stats: Record<string, unknown> | null | undefined): RunFigures {
  const st = stats ?? {};
  const c = (st.crawler && typeof st.crawler === 'object' ? st.crawler : st) as Record<string, unknown>;
  return {
    pages: num(c.pagesFetched ?? st.pages),
    posts: num(c.posts),
    errors: sumErrors(c.errors) + num(st.pageErrors),
    requests: num(c.requests) || num(c.pagesFetched ?? st.pages),
    robotsSkipped: num(c.skippedRobots),
    durationMs: num(c.durationMs),
    fullWalk: st.fullWalk !== false,
  };
}
