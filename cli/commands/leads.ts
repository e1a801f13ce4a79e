// `certwatch leads`: the lead list (the sellers pipeline/leads/lead-rule.ts accepts, or a named view) as
// JSON, CSV or XLSX on stdout or into a file; every sheet cell is formula-safe.
import { writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { intOption, parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { openApp } from '../../pipeline/app/context.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { LEAD_KINDS, SELLER_VIEWS, type LeadKind, type SellerView } from '../../pipeline/leads/lead-rule.js';
import { LEAD_FORMATS, writeLeads, type LeadFormat } from '../../pipeline/leads/lead-writers.js';

const STATUSES = ['new', 'in_review', 'confirmed', 'referred', 'closed', 'dismissed'];

const usage = `usage: certwatch leads [--format json|csv|xlsx] [--view leads|review|all] [--status S] [--out FILE]
                      [--kind seller|verification-site] [--min-score X] [--limit N]

Prints the lead list: one entry per live seller (merged sellers resolve to the older id) and per
fake verification site (a clone of the official certificate query platform that sellers cite).
JSON is an array of {id, kind, status, category, score, contacts:[{kind,value}], listings:[{url, score,
firstSeen, lastSeen, platform, gone}], certTypes, platforms, handles, mergedIds, firstSeen, lastSeen};
kind is "seller" or "verification-site" (its host is its url contact, citedBy the ids of the sellers
whose posts point at it; a seller citing such sites lists them in verificationSites).
--kind lists one kind only (both by default).
--view leads (default) lists the sellers the lead rule accepts — a flagged listing and a way to
reach the seller (phone, WeChat, QQ, e-mail, site, or a flagged post with images; a forum handle
is not one) — the same sellers the dashboard's queue, statistics and XLSX count. --view review
lists the sellers for a second look (待复核: a flagged or review-band listing, not a lead);
--view all every live seller; category says which each one is. --status filters
(${STATUSES.join(', ')}); --min-score drops sellers whose best listing scores below X.
CSV/XLSX hold one seller per row. XLSX needs --out unless stdout is redirected.`;

/** Flags of the two-rule days, answered with the view that replaced them instead of a bare "unknown option". */
const REPLACED: Record<string, string> = {
  '--include-review': '--view review (sellers for a second look) or --view all',
  '--include-uncontactable': '--view review (flagged sellers nobody can reach are there) or --view all',
};

const command: Command = {
  summary: 'print the seller lead list (json, csv or xlsx)',
  usage,
  async run(args) {
    for (const a of args) if (REPLACED[a]) throw new UsageError(`${a} is gone: one lead rule now decides; use ${REPLACED[a]}`);
    const { values } = parseOptions(args, {
      format: { type: 'string', default: 'json' },
      view: { type: 'string', default: 'leads' },
      status: { type: 'string' },
      kind: { type: 'string' },
      out: { type: 'string' },
      limit: { type: 'string' },
      'min-score': { type: 'string' },
    });
    const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score']);
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new UsageError(`--min-score must be a number in [0,1], got '${values['min-score']}'`);
    const format = values.format as LeadFormat;
    if (!LEAD_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${LEAD_FORMATS.join(', ')}, got '${values.format}'`);
    const view = values.view as SellerView;
    if (!SELLER_VIEWS.includes(view)) throw new UsageError(`--view must be one of ${SELLER_VIEWS.join(', ')}, got '${values.view}'`);
    const kind = values.kind as LeadKind | undefined;
    if (kind !== undefined && !(LEAD_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${LEAD_KINDS.join(', ')}, got '${values.kind}'`);
    if (values.status && !STATUSES.includes(values.status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, got '${values.status}'`);
    if (format === 'xlsx' && !values.out && process.stdout.isTTY) throw new UsageError('--format xlsx writes binary: give --out FILE or redirect stdout');
    const limit = values.limit ? intOption(values.limit, 'limit', 0) : undefined;
    const ctx = await openApp({ redis: false });
    try {
      const leads = await listLeads(ctx.db, { view, status: values.status, kind, limit, minScore });
      const bytes = await writeLeads(leads, format);
      if (values.out) {
        writeFileSync(values.out, bytes);
        ctx.log.info({ out: values.out, sellers: leads.length, view, format }, 'leads written');
      } else {
        await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (err) => (err ? reject(err) : resolve())));
      }
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default command;
