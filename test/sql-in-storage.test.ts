// Where SQL lives, as a test: outside a storage/ folder no file of these rooms holds an SQL
// statement or runs a query, so every statement sits beside its row types and is found in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT as ROOT, sourceFiles } from './support/source-files.js';
import { describe, expect, it } from 'vitest';

const ROOMS = ['core', 'classifiers', 'crawlers', 'pipeline', 'evidence', 'dashboards', 'sandbox', 'cli'];
const IN_STORAGE = /(^|\/)storage\//;

// The tree writes SQL keywords in capitals; a lower-case statement still counts when a literal
// starts with one. Single words are not enough: 'select' is also a CSS selector the crawler strips.
const UPPER = /\b(?:SELECT|INSERT\s+INTO|DELETE\s+FROM|ALTER\s+TABLE|(?:CREATE|DROP)\s+(?:TABLE|INDEX|SCHEMA))\b|\bUPDATE\s+\w+\s+SET\b|\bWITH\s+\w+\s+AS\s*\(/;
const LOWER_START = /^\s*(?:select\b[\s\S]*\bfrom\b|insert\s+into\b|update\s+\w+\s+set\b|delete\s+from\b|with\s+\w+\s+as\s*\()/i;

/** The SQL literals and `.query(` calls in one file's text, each as `file:line: excerpt`. */
function sqlFindings(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) =>
    found.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${what.replace(/\s+/g, ' ').slice(0, 80)}`);
  const visit = (n: ts.Node) => {
    let literal: string | undefined;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) literal = n.text;
    else if (ts.isTemplateExpression(n)) literal = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('${…}');
    if (literal !== undefined && (UPPER.test(literal) || LOWER_START.test(literal))) at(n, literal);
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'query') at(n, n.getText(sf));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const files = ROOMS.flatMap(sourceFiles);

describe('SQL in storage', () => {
  it('has no SQL statement and no query call outside a storage/ folder', () => {
    const outside = files.filter((f) => !IN_STORAGE.test(f));
    expect(outside.flatMap((f) => sqlFindings(f, read(f)))).toEqual([]);
  });

  it('fails when a SELECT is put back into lead-query.ts, as a statement or as a query call', () => {
    const file = 'pipeline/leads/lead-query.ts';
    const text = read(file);
    expect(sqlFindings(file, text)).toEqual([]);
    const back = `${text}\nexport const merged = \`SELECT merged_id FROM seller_merges WHERE survivor_id = $1\`;\n`;
    expect(sqlFindings(file, back)).toEqual([expect.stringContaining('SELECT merged_id FROM seller_merges')]);
    const lower = `${text}\nexport const ids = (db: Queryable) => db.query('select id from sellers');\n`;
    expect(sqlFindings(file, lower)).toHaveLength(2);
  });

  it('sees the statements it judges: storage files are full of them, a CSS selector is not one', () => {
    const storage = files.filter((f) => IN_STORAGE.test(f));
    expect(storage).toEqual(expect.arrayContaining(['pipeline/storage/leads.ts', 'evidence/storage/captures.ts', 'dashboards/storage/queue.ts']));
    expect(storage.flatMap((f) => sqlFindings(f, read(f))).length).toBeGreaterThan(100);
    expect(sqlFindings('x.ts', "const NON_CONTENT = 'script, style, select, button';")).toEqual([]);
    expect(files.length).toBeGreaterThan(250);
  });
});
