// How a failed request is judged: which failures a retry can fix, and which
// counter a final failure lands in (robots and content-type skips are not errors).
import { countSkip, type CrawlRun, SkipRequest } from './crawl-run.js';
import { classifyError, countError, CrawlFetchError } from './crawl-stats.js';

export function markNoRetry(request: { noRetry: boolean }, error: unknown): void {
  if (error instanceof SkipRequest) request.noRetry = true;
  else if (error instanceof CrawlFetchError) request.noRetry ||= !error.retryable;
  else if (/^http_4\d\d$/.test(classifyError(error)) || classifyError(error) === 'redirect_loop') request.noRetry = true;
}

export function handleFailure(run: CrawlRun, url: string, error: unknown): void {
  if (error instanceof SkipRequest) {
    countSkip(run.stats, error);
    return;
  }
  const message = (error as Error)?.message ?? String(error);
  if (/served Content-Type/.test(message)) {
    run.stats.skippedContentType++;
    return;
  }
  const kind = classifyError(error);
  countError(run.stats, kind);
  run.log.debug({ url, kind, err: message.slice(0, 300), source: run.source.id }, 'request failed');
}
