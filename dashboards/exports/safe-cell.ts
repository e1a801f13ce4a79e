// Spreadsheet cells from scraped text: a value starting with = + - @ or a tab/CR is
// prefixed with an apostrophe so Excel/WPS never evaluate a seller's "formula".
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(v: unknown): string | number | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || v instanceof Date) return v;
  // Control characters other than newline make Excel report a corrupt file.
  const s = String(v).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').slice(0, 32_000);
  return FORMULA_START.test(s) ? `'${s}` : s;
}
