// What the analyst typed into search, read the way the classifier reads a post: full-width forms,
// separators and look-alike characters folded (classifiers' normaliser), contacts recognised.
import { extractContacts, normalizeText } from '../../classifiers/index.js';

export interface SearchQuery {
  /** As typed, lower-cased: titles and handles are matched on this. */
  typed: string;
  /** The classifier's folded view: matched against the stored normalised text. */
  folded: string;
  /** Normalised contact values to find by prefix (phone digits, WeChat/QQ ids, e-mail). */
  contacts: string[];
  /** The query is a contact (a number or an id): every status is searched, so referred sellers are found. */
  isContact: boolean;
}

const HAN = /\p{Script=Han}/u;
const ID_LIKE = /^[a-z0-9][-_a-z0-9.@]{3,}$/;

export function interpretSearch(q: string): SearchQuery {
  const typed = q.trim().toLowerCase();
  let folded = typed;
  let found: { kind: string; value: string }[] = [];
  try {
    folded = normalizeText(typed).folded.trim();
    found = extractContacts(typed);
    // A bare id (ｄｇｚ－７３４５) has no cue word: read it as the classifier would after 微信.
    if (found.length === 0 && !HAN.test(folded) && ID_LIKE.test(folded)) found = extractContacts(`微信 ${typed}`);
  } catch {
    found = [];
  }
  const digits = folded.replace(/[\s\-+()]/g, '');
  const contacts = new Set(found.map((c) => c.value.toLowerCase()));
  if (/^\d{5,}$/.test(digits)) contacts.add(digits);
  return { typed, folded, contacts: [...contacts], isContact: contacts.size > 0 };
}
