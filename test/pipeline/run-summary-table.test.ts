// The table `crawl --all --wait` prints: one aligned line per source, a failed run and owed
// work visible on its line, the error spelled out below.
import { describe, expect, it } from 'vitest';
import { formatRunSummaries } from '../../cli/run-summary-table.js';

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 8, 0, s));

describe('the crawl --all summary', () => {
  it('shows each source with its counts, what is owed and why a run failed', () => {
    const text = formatRunSummaries(
      [
        { sourceId: 'bbs', jobId: 'crawl:bbs:1', status: 'done', jobState: 'completed', startedAt: at(0), finishedAt: at(42), stats: { pages: 120, newPages: 30, changed: 4, pageErrors: 1 }, error: null, pagesNotAnalysed: 0, picturesNotRead: 0, postsNotLinked: 0, posts: 310, flagged: 57 },
        { sourceId: 'qa', jobId: 'crawl:qa:1', status: 'done', jobState: 'completed', startedAt: at(0), finishedAt: at(20), stats: { pages: 40 }, error: null, pagesNotAnalysed: 0, picturesNotRead: 3, postsNotLinked: 0, posts: 12, flagged: 2 },
        { sourceId: 'classifieds', jobId: 'crawl:classifieds:1', status: 'failed', jobState: 'failed', startedAt: at(0), finishedAt: at(3), stats: {}, error: 'seed answered 503 three times', pagesNotAnalysed: 2, picturesNotRead: 0, postsNotLinked: 1, posts: 0, flagged: 0 },
      ],
      44.4,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('crawl --all: 3 sources in 44.4 s');
    expect(lines[1]).toMatch(/^source\s+run\s+pages\s+new\s+changed\s+errors\s+posts\s+flagged\s+owed\s+time$/);
    expect(lines[2]).toMatch(/^bbs\s+done\s+120\s+30\s+4\s+1\s+310\s+57\s+0\s+42\.0 s$/);
    // Pictures still to be read are owed work too: the run is not finished while they are.
    expect(lines[3]).toMatch(/^qa\s+done\s+40\s+0\s+0\s+0\s+12\s+2\s+0 pages, 3 pictures, 0 posts\s+20\.0 s$/);
    expect(lines[4]).toMatch(/^classifieds\s+failed \(failed\)\s+0\s+0\s+0\s+0\s+0\s+0\s+2 pages, 1 posts\s+3\.0 s$/);
    expect(lines[5]).toBe('  classifieds: seed answered 503 three times');
    // Columns line up: every row's "pages" column ends where the header's does.
    const end = lines[1]!.indexOf('pages') + 'pages'.length;
    expect(lines[2]!.slice(0, end)).toMatch(/120$/);
  });
});
