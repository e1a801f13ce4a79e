// The catalogue's name for a certificate code (samr.boiler → 锅炉作业(特种设备)), so every screen and
// report names a certificate the way the classifier's catalogue does, never by its internal code.
import { CATALOGUE } from './catalogue.js';

const NAMES = new Map(CATALOGUE.map((c) => [c.code, c.label]));

/** The catalogue label for a code; undefined for a code the catalogue does not know. */
export function certTypeName(code: string): string | undefined {
  return NAMES.get(code);
}
