// The tree's import rules as a test: arrows point down the data flow, other rooms enter a room
// only through its public face, and nothing is loaded by a computed path.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { REPO_ROOT as ROOT, sourceFiles } from './support/source-files.js';
import { describe, expect, it } from 'vitest';


/** Each room and the rooms it may import; cli/ is the composition root that nothing imports. */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  classifiers: ['core'],
  crawlers: ['core', 'classifiers'],
  pipeline: ['core', 'classifiers', 'crawlers'],
  evidence: ['core', 'classifiers', 'crawlers', 'pipeline'],
  dashboards: ['core', 'classifiers', 'crawlers', 'pipeline', 'evidence'],
  sandbox: ['core'],
  cli: ['core', 'classifiers', 'crawlers', 'pipeline', 'evidence', 'dashboards', 'sandbox'],
};

/** The files another room may import from these rooms; pipeline's subfolders are its faces. */
const FACES: Record<string, string[]> = {
  classifiers: ['classifiers/index.ts', 'classifiers/training/index.ts'],
  crawlers: ['crawlers/index.ts'],
  evidence: ['evidence/index.ts', 'evidence/verify.ts'],
  dashboards: ['dashboards/index.ts'],
  sandbox: ['sandbox/index.ts'],
  core: ['core/errors.ts', 'core/local-time.ts', 'core/redact-url.ts'],
};

interface Edge {
  from: string;
  to: string;
}

function importsOf(file: string): { edges: Edge[]; computed: string[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const edges: Edge[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)) {
    const to = relative(ROOT, normalize(join(ROOT, dirname(file), m[1]))).replace(/\\/g, '/').replace(/\.js$/, '.ts');
    edges.push({ from: file, to });
  }
  const computed = [...text.matchAll(/\bimport\(\s*([^'"`\s)][^)]*)\)/g)].map((m) => `${file}: import(${m[1]})`);
  return { edges, computed };
}

const rooms = Object.keys(MAY_IMPORT);
const all = rooms.flatMap((room) => sourceFiles(room).map((f) => ({ room, ...importsOf(f) })));

describe('the layout', () => {
  it('has arrows that point down: each room imports only the rooms below it, and nothing imports cli/ or test/', () => {
    const wrong = all.flatMap(({ room, edges }) =>
      edges.filter((e) => {
        const target = e.to.split('/')[0];
        return target !== room && !MAY_IMPORT[room].includes(target);
      }),
    );
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('enters another room only through its public face', () => {
    const bypass = all.flatMap(({ room, edges }) =>
      edges.filter((e) => {
        const target = e.to.split('/')[0];
        return target !== room && FACES[target] !== undefined && !FACES[target].includes(e.to);
      }),
    );
    expect(bypass.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("keeps pipeline's folders free of import cycles (ingest and linking, say, never import each other)", () => {
    const folder = (p: string) => p.split('/').slice(0, 2).join('/');
    const graph = new Map<string, Set<string>>();
    for (const e of all.flatMap((f) => f.edges)) {
      if (!e.from.startsWith('pipeline/') || !e.to.startsWith('pipeline/') || folder(e.from) === folder(e.to)) continue;
      if (!graph.has(folder(e.from))) graph.set(folder(e.from), new Set());
      graph.get(folder(e.from))!.add(folder(e.to));
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (path.includes(node)) return cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const node of graph.keys()) visit(node, []);
    expect(graph.size).toBeGreaterThan(3);
    expect(cycles).toEqual([]);
  });

  it('loads no module by a computed path', () => {
    expect(all.flatMap((f) => f.computed)).toEqual([]);
  });

  it('sees the edges it judges (the checks above are not vacuous)', () => {
    const edges = all.flatMap((f) => f.edges);
    expect(edges.some((e) => e.from.startsWith('cli/') && e.to === 'evidence/index.ts')).toBe(true);
    expect(edges.some((e) => e.from.startsWith('pipeline/') && e.to === 'crawlers/index.ts')).toBe(true);
    expect(all.length).toBeGreaterThan(200);
  });
});
