// `certwatch reconcile`: one reconciler pass now — what the database says is owed, held against
// the queues in Redis, with what Redis lost enqueued again — and the report of what it found.
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { openApp } from '../../pipeline/app/context.js';
import { describeReconcile, reconcile } from '../../pipeline/reconcile/reconcile.js';

const usage = `usage: certwatch reconcile [--json]

Finds pages whose current content was never analysed, flagged or review-band listings in no
seller, flagged listings without a capture of their current text (when capture is on), and
crawl runs still open in the database; re-enqueues whatever has no job in Redis (a completed job
left by a restored backup is removed first), marks runs whose job vanished or ended without
closing them as abandoned (with the reason, and a re-crawl of the source), and prints what it
found and did. Workers must be running for the re-enqueued work to happen. The scheduler runs the
same pass every 10 minutes. --json: the report as JSON on stdout.`;

const command: Command = {
  summary: 're-enqueue work the database says is owed but Redis lost',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { json: { type: 'boolean', default: false } });
    const ctx = await openApp();
    try {
      const report = await reconcile(ctx);
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else console.error(`reconcile (${report.ms} ms): ${report.repaired} repaired — ${describeReconcile(report)}`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

export default command;
