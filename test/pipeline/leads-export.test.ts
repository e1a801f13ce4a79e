// Lead exports: the JSON contract shape, and CSV/XLSX cells that a spreadsheet can never
// run as formulas, read back with exceljs.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { leadsToCsv, leadsToJson, leadsToXlsx } from '../../pipeline/leads/lead-writers.js';
import { csvField, safeCellText } from '../../pipeline/leads/safe-cell.js';
import type { Lead } from '../../pipeline/leads/lead-query.js';

const hostile: Lead = {
  id: 7,
  kind: 'seller',
  status: 'new',
  category: 'lead',
  score: 0.97,
  contacts: [
    { kind: 'wechat', value: '=cmd|\' /C calc\'!A0' },
    { kind: 'url', value: '+evil.example' },
  ],
  listings: [{ url: '@SUM(1+1)*cmd|x', score: 0.9, firstSeen: '2026-11-01T00:00:00.000Z', lastSeen: '2026-11-02T00:00:00.000Z', platform: '-discuz', gone: false }],
  certTypes: [{ code: '1.2', label: '=低压电工作业' }],
  platforms: ['\tdiscuz'],
  handles: [],
  mergedIds: [],
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-02T00:00:00.000Z',
};

describe('safe cells', () => {
  it('prefixes formula starters (ASCII and full-width) and strips control characters', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\t=1', '\r=1', '＝1', '＋1']) expect(safeCellText(s).startsWith("'")).toBe(true);
    expect(safeCellText('13812345678')).toBe('13812345678');
    expect(safeCellText('a\u0000b\u0007c')).toBe('abc');
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
  });
});

describe('lead writers', () => {
  it('writes the JSON contract', () => {
    const parsed = JSON.parse(leadsToJson([hostile])) as Lead[];
    expect(parsed[0]).toMatchObject({ id: 7, status: 'new', score: 0.97, contacts: hostile.contacts });
    expect(Object.keys(parsed[0]!.listings[0]!)).toEqual(expect.arrayContaining(['url', 'score', 'firstSeen', 'lastSeen']));
  });

  it('writes CSV where no cell starts a formula', () => {
    const csv = leadsToCsv([hostile]).replace(/^\uFEFF/, '');
    const cells = csv.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, '').replace(/\r\n$/, ''));
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t]/);
    expect(csv).toContain("'@SUM(1+1)");
  });

  it('writes XLSX with hostile text as plain strings, never formulas', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await leadsToXlsx([hostile])) as never);
    const ws = wb.getWorksheet('leads')!;
    expect(ws.rowCount).toBe(2);
    ws.getRow(2).eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t]/);
    });
    expect(ws.getRow(2).getCell(8).value).toBe("'@SUM(1+1)*cmd|x");
    expect(ws.getRow(2).getCell(6).value).toBe("'\tdiscuz");
  });
});
