// The crawlers package's public surface: what the pipeline and CLI import.
// Everything else under crawlers/ is internal and may move.
export { runCrawl, type RunCrawlOptions, type CrawlStats, type CrawlLogger } from './run-crawl.js';
export { loadSources, parseSources, seedUrls } from './sources/load.js';
export type { SourceConfig, SiteSelectors, RevealRule, SourceConfigInput } from './sources/schema.js';
export type { FetchedPage, ExtractedPost, RenderMode, QueryForm, QueryPageSignals, IncrementalCrawl, KnownPage, UnchangedPage, Validators } from './types.js';
export { HostLease } from './politeness/host-lease.js';
export { RobotsCache } from './politeness/robots-cache.js';
export { decodeBody } from './fetch/charset.js';
export { canonicalUrl } from './frontier/canonical-url.js';
export { SiteOwners, type SiteOwner } from './frontier/site-owners.js';
export { OutboundPolicy, outboundPolicyFor, type OutboundVerdict, type AddressLookup, type OutboundPolicyOptions } from './outbound/outbound-policy.js';
export { isPrivateAddress } from './outbound/private-address.js';
export { guardRedirects } from './outbound/redirect-guard.js';
export { CHROMIUM_ARGS, chromiumPath } from './browser-crawler.js';
