// Contact-cue canonicalisation with every rule applied in turn and no hints: what the hinted
// rewrite in classifiers/text/contact-cues.ts (which skips rules that cannot apply) is held to.
import { RULES } from '../../../classifiers/text/contact-cues.js';

export function canonicalizeContactCuesReference(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
