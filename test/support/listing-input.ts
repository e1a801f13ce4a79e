// A listing as the analyze stage would hand it to storage, numbered so each call is a new forum
// post: the linking and link-worker tests build their sellers from these.
import type { ListingInput } from '../../pipeline/storage/listings.js';

let n = 0;

/** A flagged forum post with its own url, thread, author and body; `over` sets the rest. */
export function listingInput(over: Partial<ListingInput> & Pick<ListingInput, 'contacts'>): ListingInput {
  n++;
  return {
    url: `http://forum.test/thread-${n}-1-1.html#post_${n}`,
    pageId: 0,
    sourceId: 'src',
    platform: 'discuz',
    position: 0,
    threadKey: `forum.test/thread-${n}`,
    authorHandle: `user${n}`,
    authorUrl: null,
    postedAt: null,
    title: 't',
    body: `body ${n}`,
    normalizedBody: `body ${n}`,
    bodySha: `sha${n}`,
    images: [],
    links: [],
    score: 0.9,
    flagged: true,
    review: false,
    modelVersion: 'm1',
    certTypes: [{ code: '1.2', label: '低压电工作业', authority: 'mem' }],
    reasons: [],
    ...over,
  };
}
