// `certwatch relink`: the link stage once over every flagged, review and seller listing, for an
// install upgraded from rules that linked on forum handles or kept contacts of edited posts.
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { openApp } from '../../pipeline/app/context.js';
import { relinkAll } from '../../pipeline/linking/relink-all.js';

const usage = `usage: certwatch relink [--json]

Runs the link stage again on every flagged or review-band listing and every listing in a seller,
oldest first, so sellers made under earlier rules (a shared forum handle merged them; an edited
post's old contacts kept them together) are split or merged as today's rules say. Splits and
merges are logged as the link stage logs them; joins and separations made by hand are kept.
Safe while workers run. --json: the report as JSON on stdout.`;

const command: Command = {
  summary: 're-link every seller listing under the current linking rules (after an upgrade)',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { json: { type: 'boolean', default: false } });
    const ctx = await openApp();
    try {
      const report = await relinkAll(ctx.db, (done, total) => console.error(`relink: ${done}/${total} listings`));
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else
        console.error(
          `relink (${report.ms} ms): ${report.listings} listings, sellers ${report.sellersBefore} → ${report.sellersAfter} (${report.created} new, ${report.merged} merged, ${report.split} split off)`,
        );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default command;
