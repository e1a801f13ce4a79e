// The finders loop over a global regex's matches with exec rather than matchAll, which
// copies the regex on every call; this starts such a loop at the beginning of the text.

/** The first match of global regex `re` in `text`; call re.exec(text) for the next ones. */
export function execFrom(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(text);
}
