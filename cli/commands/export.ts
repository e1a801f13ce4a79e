// `certwatch export --seller ID --out FILE.zip`: writes one seller's signed referral pack
// (captures, manifest, custody log, 提取笔录 report, item list, VERIFY.md), kept as its next version.
import { openApp } from '../../pipeline/app/context.js';
import { parseOptions } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { EXIT_OK } from '../exit-codes.js';

const command: Command = {
  summary: 'write a seller\'s signed evidence pack (.zip)',
  usage: `usage: certwatch export --seller ID --out FILE.zip [--actor NAME]

Writes the referral pack for seller ID: every capture of its listings (screenshots,
HTML as served, rendered DOM, MHTML, WARC, metadata), manifest.json with SHA-256 and
SM3 of every file, its Ed25519 signature, SHA256SUMS, the custody log, a Chinese
report (HTML + PDF) with the item list, an XLSX of the items and VERIFY.md.
The pack is also kept in the blob store as the seller's next pack version, listed
with its hash on the dashboard's seller page.
The signing key is $CERTWATCH_DATA_DIR/keys/ (made by \`certwatch keys init\`).
--actor names who exports (recorded in the custody log; default $USER).`,
  async run(args) {
    const { values } = parseOptions(args, { seller: { type: 'string' }, out: { type: 'string' }, actor: { type: 'string' } });
    const sellerId = Number(values.seller);
    if (!values.seller || !Number.isSafeInteger(sellerId) || sellerId <= 0) throw new UsageError('--seller must be a seller id (a positive integer)');
    if (!values.out) throw new UsageError('--out FILE.zip is required');
    const actor = values.actor ?? process.env.USER ?? 'cli';
    const ctx = await openApp({ redis: false });
    try {
      const { exportPack } = await import('../../evidence/index.js');
      const r = await exportPack(ctx, { sellerId, out: values.out, actor, via: 'cli' });
      console.log(`wrote ${r.path}\n  pack ${r.packId} (version ${r.version.version} of seller ${sellerId}): ${r.files} files, ${r.size} bytes\n  sha256 ${r.sha256}`);
      return EXIT_OK;
    } finally {
      await ctx.close();
    }
  },
};

export default command;
