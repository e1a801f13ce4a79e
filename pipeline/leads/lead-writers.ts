// The lead list as JSON, CSV or XLSX. JSON keeps the full structure; the sheet formats
// flatten one seller per row with every cell formula-safe (scraped text is hostile).
import ExcelJS from 'exceljs';
import type { Lead } from './lead-query.js';
import { csvField, safeCellText } from './safe-cell.js';

export type LeadFormat = 'json' | 'csv' | 'xlsx';
export const LEAD_FORMATS: readonly LeadFormat[] = ['json', 'csv', 'xlsx'];

const COLUMNS = ['id', 'status', 'score', 'contacts', 'cert_types', 'platforms', 'listings', 'listing_urls', 'first_seen', 'last_seen', 'merged_ids', 'category', 'kind', 'verification_links'] as const;

function row(lead: Lead): (string | number)[] {
  return [
    lead.id,
    lead.status,
    lead.score,
    lead.contacts.map((c) => `${c.kind}:${c.value}`).join('; '),
    lead.certTypes.map((c) => `${c.code} ${c.label}`).join('; '),
    lead.platforms.join('; '),
    lead.listings.length,
    lead.listings.map((l) => l.url).join('\n'),
    lead.firstSeen,
    lead.lastSeen,
    lead.mergedIds.join('; '),
    // Last, so the columns before it keep their places; only 'lead' rows are leads.
    lead.category,
    // After category for the same reason: seller or verification-site; a site's citing sellers, a seller's cited sites.
    lead.kind,
    (lead.kind === 'verification-site' ? (lead.citedBy ?? []) : (lead.verificationSites ?? [])).join('; '),
  ];
}

export function leadsToJson(leads: Lead[]): string {
  return `${JSON.stringify(leads, null, 2)}\n`;
}

export function leadsToCsv(leads: Lead[]): string {
  const lines = [COLUMNS.join(',')];
  for (const lead of leads) lines.push(row(lead).map((v) => (typeof v === 'number' ? String(v) : csvField(v))).join(','));
  // A BOM so Excel opens the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function leadsToXlsx(leads: Lead[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'certwatch';
  const ws = wb.addWorksheet('leads');
  ws.addRow([...COLUMNS]);
  for (const lead of leads) {
    // Strings are written as plain strings (never formulas); the ' prefix also guards a later CSV re-save.
    ws.addRow(row(lead).map((v) => (typeof v === 'number' ? v : safeCellText(v))));
  }
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeLeads(leads: Lead[], format: LeadFormat): Promise<Buffer> {
  if (format === 'json') return Buffer.from(leadsToJson(leads));
  if (format === 'csv') return Buffer.from(leadsToCsv(leads));
  return leadsToXlsx(leads);
}
