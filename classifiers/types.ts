// The classifier's public data shapes: what the pipeline, the CLI's classify
// contract (DESIGN.md) and the dashboard read from a scored post.
export type ContactKind = 'phone' | 'wechat' | 'qq' | 'email' | 'url';

/** Normalised per DESIGN.md: phone 11 digits; wechat/qq as written, lower-cased; url/domain lower-cased. */
export interface Contact {
  kind: ContactKind;
  value: string;
}

/** Which authority's certificate a post offers: the campaign owns `mem`. */
export type Authority = 'mem' | 'samr' | 'mohurd' | 'other';

export interface CertType {
  /** Catalogue code, e.g. "1.2" (低压电工), "1" when only the category is known; neighbour kinds use e.g. "samr.forklift". */
  code: string;
  /** Chinese label, e.g. "低压电工作业". */
  label: string;
  authority: Authority;
}

export interface PostInput {
  id: string;
  text: string;
  title?: string;
  url?: string;
}

export interface Classification {
  id: string;
  /** Calibrated probability that the post offers certificates for sale, in [0,1]. */
  score: number;
  flagged: boolean;
  /** True when the score is in the band an analyst should look at even if not flagged. */
  review: boolean;
  certTypes: CertType[];
  contacts: Contact[];
  /** Human-readable features that drove the score, strongest first. */
  reasons: string[];
  modelVersion: string;
}

export interface ClassifyOptions {
  /** Also hand back the folded text the verdict was read from (a listing stores it for search). */
  withFoldedText?: boolean;
}

export interface ClassificationWithText extends Classification {
  /** The post's title and text, joined and folded exactly as the scorer, tagger and contact scan read them. */
  foldedText: string;
}
