// One pass over a post that every consumer shares: normalised views, contacts,
// certificate types and the model's features, so training and scoring see the same thing.
import type { CertType, Contact, PostInput } from './types.js';
import { normalizeViews } from './text/normalize.js';
import { contactsFromView } from './contacts/extract-contacts.js';
import { tagFolded } from './cert-types/tag-cert-types.js';
import { featurize, type SparseFeatures } from './features/featurize.js';

/** Features read at most this much: a listing's selling part is at its start, and scoring time stays bounded. */
export const MAX_SCORED_CHARS = 6000;
/** Contacts and certificate types are read further: SEO pages put the phone in the footer. */
export const MAX_SCANNED_CHARS = 100_000;

export interface AnalyzedPost {
  raw: string;
  folded: string;
  contacts: Contact[];
  certTypes: CertType[];
  features: SparseFeatures & { masked: string };
}

export function postText(input: Pick<PostInput, 'text' | 'title'>): string {
  const text = typeof input.text === 'string' ? input.text : '';
  const title = typeof input.title === 'string' && input.title.trim() ? input.title : '';
  const joined = title && !text.startsWith(title) ? `${title}\n${text}` : text;
  return joined.length > MAX_SCANNED_CHARS ? joined.slice(0, MAX_SCANNED_CHARS) : joined;
}

/** `copy` false: features are scratch views valid until the next call (scoring); true (default) for keeping them. */
export function analyzePost(input: Pick<PostInput, 'text' | 'title'>, bits: number, copy = true): AnalyzedPost {
  const text = postText(input);
  const { raw, folded, contactView } = normalizeViews(text);
  const contacts = contactsFromView(contactView);
  const certTypes = tagFolded(folded);
  const long = raw.length > MAX_SCORED_CHARS;
  const features = featurize({ raw: long ? raw.slice(0, MAX_SCORED_CHARS) : raw, folded: long ? folded.slice(0, MAX_SCORED_CHARS) : folded, contacts }, bits, copy);
  return { raw, folded, contacts, certTypes, features };
}
