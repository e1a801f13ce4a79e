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
  /** Posts the crawler already extracted with the source's selectors (the analyze stage may reuse them). */
  posts?: ExtractedPost[];
}

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
