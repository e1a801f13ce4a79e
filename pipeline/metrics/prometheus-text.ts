// Joins Prometheus text from several producers into one valid exposition: BullMQ's export writes
// HELP and TYPE for every queue, and a family may be announced only once per scrape.
export function mergePrometheusText(parts: string[]): string {
  const families = new Map<string, { help?: string; type?: string; samples: string[] }>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { samples: [] }));
    return f;
  };
  for (const part of parts) {
    for (const line of part.split('\n')) {
      if (!line.trim()) continue;
      const meta = /^# (HELP|TYPE) (\S+)/.exec(line);
      if (meta) {
        const f = family(meta[2]!);
        if (meta[1] === 'HELP') f.help ??= line;
        else f.type ??= line;
        continue;
      }
      if (line.startsWith('#')) continue;
      const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
      if (!name) continue;
      // Histogram and summary samples (_bucket, _sum, _count) belong to the family announced before them.
      const base = [...families.keys()].reverse().find((k) => name === k || (name.startsWith(k) && /^_(bucket|sum|count|total|created)$/.test(name.slice(k.length))));
      family(base ?? name).samples.push(line);
    }
  }
  const out: string[] = [];
  for (const f of families.values()) {
    if (f.help) out.push(f.help);
    if (f.type) out.push(f.type);
    out.push(...f.samples);
  }
  return `${out.join('\n')}\n`;
}
