// `certwatch gc-blobs`: deletes blob files no database row refers to (old list-page bodies and
// the like); captures, evidence, packs and anything exported are always kept.
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { openApp } from '../../pipeline/app/context.js';
import { collectBlobGarbage } from '../../pipeline/storage/blob-gc.js';

const usage = `usage: certwatch gc-blobs [--dry-run] [--grace-hours H] [--json]

Reads every blob address the database names (pages and their versions, the images their
snapshots name, listings, captures, evidence files, packs, referrals, image reads, and any
address inside a JSON column such as audit details) and deletes the blob files named by none.
Files written or stored again in the last H hours (default 6) are kept whatever the rows say, so
a crawl running beside it loses nothing. --dry-run counts without deleting; --json prints the
report as JSON on stdout.`;

const command: Command = {
  summary: 'delete blob files no row refers to',
  usage,
  async run(args) {
    const { values } = parseOptions(args, {
      'dry-run': { type: 'boolean', default: false },
      'grace-hours': { type: 'string', default: '6' },
      json: { type: 'boolean', default: false },
    });
    const hours = Number(values['grace-hours']);
    if (!Number.isFinite(hours) || hours < 0) throw new UsageError(`--grace-hours must be a number >= 0, got ${String(values['grace-hours'])}`);
    const ctx = await openApp();
    try {
      const report = await collectBlobGarbage(ctx.db, ctx.blobs, { graceMs: hours * 3600_000, dryRun: values['dry-run'] });
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else
        console.error(
          `gc-blobs (${report.ms} ms): ${report.files} files, ${report.referenced} referenced, ${report.young} too young, ` +
            `${report.removed} ${report.dryRun ? 'would be ' : ''}removed (${(report.removedBytes / 1048576).toFixed(1)} MB)`,
        );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default command;
