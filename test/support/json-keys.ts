// JSON.parse keeps the last of two equal keys without a word, so a record's repeated keys
// (a child logger's `source` and the call's) are found by reading the text itself.

/** Keys that occur more than once in one object of a JSON text, at any depth, as "path.key". */
export function repeatedKeys(json: string): string[] {
  const repeated: string[] = [];
  const stack: { keys: Set<string>; isObject: boolean }[] = [];
  let i = 0;
  let expectKey = false;
  while (i < json.length) {
    const c = json[i]!;
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const text = JSON.parse(json.slice(i, j + 1)) as string;
      const top = stack.at(-1);
      if (top?.isObject && expectKey) {
        if (top.keys.has(text)) repeated.push(text);
        top.keys.add(text);
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === '{') {
      stack.push({ keys: new Set(), isObject: true });
      expectKey = true;
    } else if (c === '[') stack.push({ keys: new Set(), isObject: false });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') expectKey = stack.at(-1)?.isObject ?? false;
    i++;
  }
  return repeated;
}
