// A linear pre-check for pathologically deep markup: HTML parsers get quadratic
// (tens of seconds) on tens of thousands of nested elements, so such pages are refused before parsing.
const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
/** Elements HTML closes implicitly; counting them would mistake long flat lists for nesting. */
const IMPLIED = new Set('p li dt dd tr td th tbody thead tfoot option optgroup rb rt rp colgroup caption'.split(' '));

export const MAX_NESTING = 2000;

/** Maximum element nesting depth, stopping early once it exceeds `limit`. */
export function nestingDepth(html: string, limit = MAX_NESTING): number {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(html))) {
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || IMPLIED.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) {
      max = depth;
      if (max > limit) return max;
    }
  }
  return max;
}
