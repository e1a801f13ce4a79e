// `certwatch leads`: the lead list (live sellers with contacts and listings) as JSON,
// CSV or XLSX on stdout or into a file; every sheet cell is formula-safe.
import { writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { intOption, parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { openApp } from '../../pipeline/app/context.js';
import { DEFAULT_LEAD_MIN_SCORE, listLeads } from '../../pipeline/leads/lead-query.js';
import { LEAD_FORMATS, writeLeads, type LeadFormat } from '../../pipeline/leads/lead-writers.js';

const STATUSES = ['new', 'in_review', 'confirmed', 'referred', 'closed', 'dismissed'];

const usage = `usage: certwatch leads [--format json|csv|xlsx] [--status S] [--out FILE] [--min-score X] [--include-review]
                      [--include-uncontactable] [--limit N]

Prints the lead list: one entry per live seller (merged sellers resolve to the older id).
JSON is an array of {id, status, score, contacts:[{kind,value}], listings:[{url, score,
firstSeen, lastSeen, platform, gone}], certTypes, platforms, handles, mergedIds, firstSeen, lastSeen}.
A seller is listed when it has a flagged listing, a phone/WeChat/QQ/e-mail/site to reach it
(--include-uncontactable also lists sellers known only by a forum handle) and its best listing
scores at least --min-score (default ${DEFAULT_LEAD_MIN_SCORE}). CSV/XLSX hold one seller per row. --status filters (${STATUSES.join(', ')}); --include-review adds
sellers known only from review-band listings. XLSX needs --out unless stdout is redirected.`;

const command: Command = {
  summary: 'print the seller lead list (json, csv or xlsx)',
  usage,
  async run(args) {
    const { values } = parseOptions(args, {
      format: { type: 'string', default: 'json' },
      status: { type: 'string' },
      out: { type: 'string' },
      'include-review': { type: 'boolean', default: false },
      'include-uncontactable': { type: 'boolean', default: false },
      limit: { type: 'string' },
      'min-score': { type: 'string' },
    });
    const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score']);
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new UsageError(`--min-score must be a number in [0,1], got '${values['min-score']}'`);
    const format = values.format as LeadFormat;
    if (!LEAD_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${LEAD_FORMATS.join(', ')}, got '${values.format}'`);
    if (values.status && !STATUSES.includes(values.status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, got '${values.status}'`);
    if (format === 'xlsx' && !values.out && process.stdout.isTTY) throw new UsageError('--format xlsx writes binary: give --out FILE or redirect stdout');
    const limit = values.limit ? intOption(values.limit, 'limit', 0) : undefined;
    const ctx = await openApp({ redis: false });
    try {
      const leads = await listLeads(ctx.db, { status: values.status, includeReview: values['include-review'], includeUncontactable: values['include-uncontactable'], limit, minScore });
      const bytes = await writeLeads(leads, format);
      if (values.out) {
        writeFileSync(values.out, bytes);
        ctx.log.info({ out: values.out, sellers: leads.length, format }, 'leads written');
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
