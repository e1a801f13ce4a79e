// A strict reader of the Prometheus text format (0.0.4) for tests: every line a HELP, TYPE or
// sample, each family announced once and before its samples, values numbers; throws otherwise.
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

export function parsePrometheus(text: string): { samples: PromSample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: PromSample[] = [];
  const seenSamplesOf = new Set<string>();
  text.split('\n').forEach((line, i) => {
    const where = `line ${i + 1}: ${line.slice(0, 120)}`;
    if (line === '') return;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (kind === 'TYPE') {
        if (types.has(name!)) throw new Error(`TYPE repeated for ${name}, ${where}`);
        if (seenSamplesOf.has(name!)) throw new Error(`TYPE after samples of ${name}, ${where}`);
        if (!TYPES.has(rest!)) throw new Error(`unknown type, ${where}`);
        types.set(name!, rest!);
      } else {
        if (helps.has(name!)) throw new Error(`HELP repeated for ${name}, ${where}`);
        helps.add(name!);
      }
      return;
    }
    if (line.startsWith('#')) return;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( \d+)?$/.exec(line);
    if (!m) throw new Error(`not a sample, ${where}`);
    const labels: Record<string, string> = {};
    if (m[3]) {
      const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/gy;
      let consumed = 0;
      for (const l of m[3].matchAll(re)) {
        labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        consumed = (l.index ?? 0) + l[0].length;
      }
      if (consumed !== m[3].length) throw new Error(`bad labels, ${where}`);
    }
    // Go's ParseFloat reads NaN and Inf in any case (prom-client writes "Nan" for an empty mean).
    const v = m[4]!;
    const value = /^nan$/i.test(v) ? NaN : /^[+]?inf$/i.test(v) ? Infinity : /^-inf$/i.test(v) ? -Infinity : Number(v);
    if (Number.isNaN(value) && !/^nan$/i.test(v)) throw new Error(`bad value, ${where}`);
    const family = types.has(m[1]!) ? m[1]! : SUFFIXES.map((s) => (m[1]!.endsWith(s) ? m[1]!.slice(0, -s.length) : '')).find((b) => b && types.has(b)) ?? m[1]!;
    seenSamplesOf.add(family);
    samples.push({ name: m[1]!, labels, value });
  });
  return { samples, types };
}

export function sampleValue(samples: PromSample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
