// The HttpCrawler for `render: http` sources. Hooks take over what Crawlee would do
// loosely: politeness before the request, raw bytes with a size cap and their one decoding after.
import { Readable } from 'node:stream';
import { HttpCrawler, type Configuration, type HttpCrawlingContext } from 'crawlee';
import { type CrawlRun, SkipRequest } from './crawl-run.js';
import { CrawlFetchError } from './crawl-stats.js';
import { quietCrawleeLog } from './crawl-configuration.js';
import { decodeBody } from './fetch/charset.js';
import { readBodyCapped } from './fetch/read-body.js';
import { bodySha256, conditionalHeaders, readValidators } from './fetch/conditional.js';
import type { UnchangedPage, Validators } from './types.js';
import type { CrawlUserData } from './frontier/frontier.js';
import { processDocument, processUnchanged } from './page-processor.js';
import { awaitPoliteTurn } from './politeness/polite-turn.js';
import { parseRetryAfter } from './politeness/retry-after.js';
import { handleFailure, markNoRetry } from './crawl-failures.js';

const TEXT_TYPES = /^(text\/html|application\/xhtml\+xml|application\/xml|text\/xml|application\/json|text\/json|application\/ld\+json|text\/plain|application\/javascript)$/i;
const MAX_REDIRECTS = 10;

interface RawResponse {
  body: Buffer;
  text: string;
  contentType: string | null;
  charset: string;
  status: number;
  finalUrl: string;
  skip?: boolean;
  validators?: Validators;
  /** Set when the answer brought nothing new: no decode, no parse, no snapshot. */
  unchanged?: UnchangedPage['how'];
}

type StreamResponse = Readable & {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  url: string;
};

/** A stand-in response with no body: the hook kept the bytes and their decoding, so Crawlee reads, decodes and parses nothing. */
function emptyStream(original: StreamResponse): StreamResponse {
  const stream = Readable.from([]) as StreamResponse;
  stream.statusCode = original.statusCode;
  stream.headers = { ...original.headers, 'content-type': 'text/plain; charset=utf-8' };
  stream.url = original.url;
  return Object.assign(stream, { statusMessage: (original as unknown as { statusMessage?: string }).statusMessage, redirectUrls: [] });
}

async function handleRedirect(run: CrawlRun, requestUrl: string, userData: CrawlUserData, location: string): Promise<void> {
  const chain = [...(userData.redirectChain ?? []), requestUrl];
  const { url } = run.frontier.filterLink(location, requestUrl);
  if (url && (chain.includes(url) || chain.length > MAX_REDIRECTS)) {
    throw new CrawlFetchError('redirect_loop', `redirect loop at ${requestUrl} → ${url}`);
  }
  run.stats.redirectsFollowed++;
  const admitted = await run.frontier.admit([location], requestUrl, { depth: userData.depth, redirectChain: chain });
  if (admitted.length) await run.enqueue(admitted);
}

export function createHttpCrawler(run: CrawlRun, config: Configuration, maxPages: number): HttpCrawler<HttpCrawlingContext> {
  const raw = new WeakMap<object, RawResponse>();
  /** Requests sent with validators: only those may be answered 304. */
  const conditional = new WeakSet<object>();
  const source = run.source;
  const incremental = run.incremental && !run.incremental.fullWalk ? run.incremental : undefined;
  return new HttpCrawler<HttpCrawlingContext>(
    {
      maxRequestsPerCrawl: maxPages,
      // Fixed at the source's concurrency: the host lease, not Crawlee's guess at the machine's load
      // (which counts other processes' CPU too), decides how fast a host is fetched.
      maxConcurrency: source.concurrency,
      minConcurrency: source.concurrency,
      maxRequestRetries: 3,
      navigationTimeoutSecs: source.timeoutSecs,
      requestHandlerTimeoutSecs: 120,
      useSessionPool: false,
      persistCookiesPerSession: false,
      retryOnBlocked: false,
      // Every type reaches our hook, which drops what is not text (and destroys the stream).
      additionalMimeTypes: ['*/*'],
      ignoreHttpErrorStatusCodes: [],
      statusMessageLoggingInterval: 3600,
      log: quietCrawleeLog(),
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          await awaitPoliteTurn(run, request.url);
          run.stats.requests++;
          (request.userData as { fetchStart?: number }).fetchStart = performance.now();
          const ifHeaders = incremental ? conditionalHeaders(incremental.known(request.url)) : {};
          if (Object.keys(ifHeaders).length) conditional.add(request);
          else conditional.delete(request);
          Object.assign(gotOptions, {
            followRedirect: false,
            useHeaderGenerator: false,
            decompress: true,
            headers: {
              ...gotOptions.headers,
              'user-agent': run.userAgent,
              accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.5',
              'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
              ...ifHeaders,
            },
          });
        },
      ],
      postNavigationHooks: [
        async (ctx) => {
          const { request } = ctx;
          const response = ctx.response as unknown as StreamResponse;
          const status = response.statusCode;
          const headers = response.headers;
          const userData = request.userData as CrawlUserData & { fetchStart?: number };
          const contentType = (headers['content-type'] as string | undefined) ?? null;
          if (status >= 300 && status < 400 && headers.location) {
            response.destroy();
            raw.set(request, { body: Buffer.alloc(0), text: '', contentType, charset: 'utf-8', status, finalUrl: request.url, skip: true });
            ctx.response = emptyStream(response) as never;
            await handleRedirect(run, request.url, userData, String(headers.location));
            return;
          }
          if (status === 304) {
            response.destroy();
            // A 304 to a request that named no validator says nothing about any body we hold.
            if (!conditional.has(request)) throw new CrawlFetchError('http_304', 'unasked 304 Not Modified');
            if (userData.fetchStart) run.stats.fetchMs += performance.now() - userData.fetchStart;
            raw.set(request, { body: Buffer.alloc(0), text: '', contentType, charset: 'utf-8', status, finalUrl: request.url, unchanged: 'not-modified', validators: readValidators(headers) });
            ctx.response = emptyStream(response) as never;
            return;
          }
          if (status === 429 || status === 503) {
            response.destroy();
            const delay = parseRetryAfter(headers['retry-after'] as string | undefined) ?? 5000;
            await run.lease.defer(new URL(request.url).host, delay);
            run.stats.retryAfterDeferrals++;
            throw new CrawlFetchError(`http_${status}`, `${status} - retry after ${delay} ms`, true);
          }
          const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
          if (type && !TEXT_TYPES.test(type)) {
            response.destroy();
            throw new SkipRequest('content_type', `content-type ${type}`);
          }
          const declared = Number(headers['content-length']);
          if (Number.isFinite(declared) && declared > source.maxBodyBytes) {
            response.destroy();
            throw new CrawlFetchError('too_large', `content-length ${declared} over ${source.maxBodyBytes}`);
          }
          const body = await readBodyCapped(response, source.maxBodyBytes);
          if (userData.fetchStart) run.stats.fetchMs += performance.now() - userData.fetchStart;
          const validators = readValidators(headers);
          // Whatever the validators claim, the same bytes as the stored body are the same page.
          const known = incremental && status === 200 ? incremental.known(request.url) : undefined;
          if (known && bodySha256(body) === known.bodySha) {
            raw.set(request, { body, text: '', contentType, charset: 'utf-8', status, finalUrl: response.url || request.url, unchanged: 'same-body', validators });
            ctx.response = emptyStream(response) as never;
            return;
          }
          const decoded = decodeBody(body, contentType);
          raw.set(request, { body, text: decoded.text, contentType, charset: decoded.charset, status, finalUrl: response.url || request.url, validators });
          ctx.response = emptyStream(response) as never;
        },
      ],
      requestHandler: async (ctx) => {
        const got = raw.get(ctx.request);
        raw.delete(ctx.request);
        if (!got || got.skip) return;
        if (got.unchanged) {
          await processUnchanged(run, {
            requestUrl: ctx.request.url,
            userData: ctx.request.userData as CrawlUserData,
            how: got.unchanged,
            validators: got.validators ?? {},
            body: got.unchanged === 'same-body' ? got.body : undefined,
            contentType: got.contentType,
          });
          return;
        }
        await processDocument(run, {
          requestUrl: ctx.request.url,
          userData: ctx.request.userData as CrawlUserData,
          finalUrl: got.finalUrl,
          status: got.status,
          contentType: got.contentType,
          body: got.body,
          html: got.text,
          charset: got.charset,
          render: 'http',
          markup: /html|xml/i.test(got.contentType ?? 'text/html') || !got.contentType,
          validators: got.validators,
        });
      },
      errorHandler: async ({ request }, error) => {
        markNoRetry(request, error);
      },
      failedRequestHandler: async ({ request }, error) => {
        raw.delete(request);
        handleFailure(run, request.url, error);
      },
    },
    config,
  );
}
