// Shapes that cross from the crawlers into the pipeline: a fetched page and the
// posts extracted from it. Kept free of Crawlee types so storage never sees them.
export type RenderMode = 'http' | 'browser';

export interface FetchedPage {
  sourceId: string;
  url: string;
  finalUrl: string;
  status: number;
  fetchedAt: Date;
  contentType: string | null;
  /** Raw body bytes exactly as served (the pipeline stores them content-addressed). */
  body: Buffer;
  /** Decoded text of the page (the DOM serialisation for browser renders). */
  html: string;
  charset: string;
  render: RenderMode;
  /** Extra text the crawler obtained beyond the HTML (XHR-revealed phones, JSON thread content). */
  extras?: Record<string, string>;
  /** Posts on the page, read once by the crawler with its site's selectors; [] for list pages. */
  posts: ExtractedPost[];
  /** Why the page defeated the extractor: its empty `posts` then mean "unread", not "none left". */
  extractError?: string;
  /** What the page shows of a certificate query service (title, forms, result text), if anything. */
  queryPage?: QueryPageSignals;
  /** Cache validators the server sent (kept for the next fetch's conditional request). */
  validators?: Validators;
}

/** ETag and Last-Modified as the server sent them, bounded in length. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** What the pipeline knows of a URL from earlier fetches: its validators and its stored body's hash. */
export interface KnownPage {
  validators: Validators;
  /** SHA-256 of the body stored at the last full fetch. */
  bodySha: string;
}

/** A fetch that brought nothing new: a 304, or a full answer whose body hash equals the stored one. */
export interface UnchangedPage {
  sourceId: string;
  url: string;
  fetchedAt: Date;
  how: 'not-modified' | 'same-body';
  /** The validators to keep: a 304 may update them (RFC 9110 §15.4.5). */
  validators: Validators;
}

/** Incremental crawling: what is known of each URL, and where unchanged fetches go. */
export interface IncrementalCrawl {
  known(url: string): KnownPage | undefined;
  /** A full walk sends no conditional request, cuts nothing short and stops no listing early. */
  fullWalk: boolean;
  onUnchanged(page: UnchangedPage): Promise<void>;
  /** The stored body of a known page: a seed answered 304 still hands on its links. */
  storedBody(bodySha: string): Promise<Buffer | undefined>;
}

/** A form as a visitor sees it: where it sends, and the fields it asks for. */
export interface QueryForm {
  /** Absolute URL the form submits to (the page itself when it names none). */
  action: string;
  method: string;
  /** Each field's label, placeholder and name, as one short text. */
  fields: string[];
}

/** A page's title, headings, forms, visible text and outbound links: what a fake-verification check reads. */
export interface QueryPageSignals {
  title: string;
  headings: string;
  forms: QueryForm[];
  text: string;
  links: string[];
}

/** What the extractor reads of a fetched page. */
export type PageContent = Pick<FetchedPage, 'url' | 'finalUrl' | 'status' | 'contentType' | 'html' | 'extras'>;

export interface ExtractedPost {
  /** Stable URL of the post: page URL plus a #floor/#answer anchor when a page holds several. */
  url: string;
  authorHandle?: string;
  authorUrl?: string;
  postedAt?: string;
  title?: string;
  body: string;
  /** Absolute image URLs inside the post (contacts hide in images and QR codes). */
  images: string[];
  /** Absolute outbound link URLs inside the post. */
  links: string[];
  /** Position on the page: floor number, answer index; 0 for the main post. */
  position: number;
}
