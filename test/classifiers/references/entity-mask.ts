// Entity masking as the five regex replaces it was first written as: what maskEntities in
// classifiers/features/entity-mask.ts (the e-mail and URL regexes, then one scan) is held to.
import { EMAIL_RE, TOKENS, URL_RE } from '../../../classifiers/features/entity-mask.js';

const PHONE_RE = /(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)/g;
const ID_RE = /(?<![a-z0-9_])(?=[a-z0-9_-]*[a-z])(?=[a-z0-9_-]*\d)[a-z0-9_-]{5,}|(?<![a-z0-9_])[a-z_][a-z0-9_-]{7,}/g;
const NUM_RE = /\d+(?:\.\d+)?/g;

export function maskEntitiesReference(folded: string): string {
  return folded.replace(EMAIL_RE, TOKENS.email).replace(URL_RE, TOKENS.url).replace(PHONE_RE, TOKENS.phone).replace(ID_RE, TOKENS.id).replace(NUM_RE, TOKENS.num);
}
