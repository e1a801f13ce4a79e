// The dashboard's SQL lives in dashboards/storage/ only: every other file calls typed query
// functions, so a route or view holding a statement (or calling .query itself) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STORAGE = 'dashboards/storage/';

// Uppercase keywords and clauses are how this code base writes SQL; other spellings are caught
// only in a statement's full shape, so English UI text ("select a seller from …") does not trip it.
// A bare 'SELECT' is a DOM tag name (public/common.js); a statement goes on after the keyword.
const SQL_UPPER = /\bSELECT\s+\S|\b(?:INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|WITH\s+\w+\s+AS|WHERE|ORDER\s+BY|GROUP\s+BY|JOIN|ILIKE|RETURNING|ON\s+CONFLICT)\b/;
const SQL_ANY_CASE =
  /\b(?:select\s[^]*?\sfrom\s+\w+(?:\s+(?:as\s+)?\w+)?\s+(?:where|join|left|inner|order|group|limit)\b|insert\s+into\s+\w+\s*\(|delete\s+from\s+\w+(?:\s+where\b|\s*$)|update\s+\w+\s+set\s+\w+\s*=)/i;

function dashboardFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js)$/.test(e.name)) out.push(p);
    }
  };
  walk('dashboards');
  return out.sort();
}

interface Finding {
  line: number;
  text: string;
}

/** String and template literals that read as SQL, and calls of `.query(…)` (a database reached directly). */
function sqlIn(fileName: string, source: string): { literals: Finding[]; queryCalls: Finding[] } {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const literals: Finding[] = [];
  const queryCalls: Finding[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    // A template's pieces joined with a word in place of each substitution, so `select ${cols} from ${table}
    // where …` still reads as one statement.
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' expr ');
    if (text !== undefined && (SQL_UPPER.test(text) || SQL_ANY_CASE.test(text))) literals.push({ line: at(node), text: text.replace(/\s+/g, ' ').slice(0, 80) });
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'query') {
      queryCalls.push({ line: at(node), text: node.getText(sf).replace(/\s+/g, ' ').slice(0, 80) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { literals, queryCalls };
}

const files = dashboardFiles();
const scanned = files.map((f) => ({ file: f, ...sqlIn(f, readFileSync(join(ROOT, f), 'utf8')) }));
const outside = scanned.filter((s) => !s.file.startsWith(STORAGE));
const inside = scanned.filter((s) => s.file.startsWith(STORAGE));

describe('SQL in dashboards/storage only', () => {
  it('finds no SQL statement in a string or template literal outside dashboards/storage/', () => {
    expect(outside.flatMap((s) => s.literals.map((l) => `${s.file}:${l.line}: ${l.text}`))).toEqual([]);
  });

  it('finds no .query(…) call outside dashboards/storage/: routes, workflow and views call storage functions', () => {
    expect(outside.flatMap((s) => s.queryCalls.map((c) => `${s.file}:${c.line}: ${c.text}`))).toEqual([]);
  });

  it('is not vacuous: it reads the whole dashboard and recognises the statements storage holds', () => {
    expect(outside.length).toBeGreaterThan(40);
    expect(inside.length).toBeGreaterThan(8);
    // The detector must see the SQL every storage module holds: if it missed theirs, it would miss a route's.
    expect(inside.filter((s) => s.literals.length === 0).map((s) => s.file)).toEqual([]);
  });

  it('flags a statement put back in a route, in each shape SQL is written in', () => {
    const route = [
      "app.get('/x', async () => ctx.db.query('SELECT * FROM sources', [id]));",
      'const sql = `UPDATE users SET role = ${role} WHERE id = $1`;',
      'const lower = "delete from sessions where user_id = $1";',
      'const frag = `s.status = ${p} ORDER BY s.score DESC`;',
      'const built = `select count(*) from ${table} where flagged`;',
    ].join('\n');
    const found = sqlIn('dashboards/routes/x.ts', route);
    expect(found.literals.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(found.queryCalls.map((c) => c.line)).toEqual([1]);
  });

  it('does not mistake UI text, HTML or query strings for SQL', () => {
    const view = [
      "const a = t('selectAll'); const b = 'Select the sellers you want from the list';",
      'const c = html`<option value="score">Sort by score</option><a href="/?q=${q}&sort=recent">x</a>`;',
      "const d = req.query.status; const e = 'Update saved'; const f = el.tagName === 'SELECT';",
    ].join('\n');
    expect(sqlIn('dashboards/views/x.ts', view)).toEqual({ literals: [], queryCalls: [] });
  });
});
