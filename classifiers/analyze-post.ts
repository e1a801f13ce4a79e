// One pass over a post that every consumer shares: normalised views, contacts,
// certificate types and the model's features, so training and scoring see the same thing.
import type { CertType, Contact, PostInput } from './types.js';
import { normalizeViews } from './text/normalize.js';
import { contactsFromView } from './contacts/extract-contacts.js';
import { tagFolded } from './cert-types/tag-cert-types.js';
import { featurize, type SparseFeatures } from './features/featurize.js';

/** Longer texts are cut: a listing's selling part is at its start, and scoring time stays bounded. */
export const MAX_SCORED_CHARS = 6000;

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
  return joined.length > MAX_SCORED_CHARS ? joined.slice(0, MAX_SCORED_CHARS) : joined;
}

export function analyzePost(input: Pick<PostInput, 'text' | 'title'>, bits: number): AnalyzedPost {
  const text = postText(input);
  const { raw, folded, contactView } = normalizeViews(text);
  const contacts = contactsFromView(contactView);
  const certTypes = tagFolded(folded);
  const features = featurize({ raw, folded, contacts }, bits);
  return { raw, folded, contacts, certTypes, features };
}
