// `certwatch verify FILE.zip`: exit 0 only when every file's hashes, the file list,
// the custody chain and the signature of a pack check out; otherwise names what failed.
import { readFileSync } from 'node:fs';
import { verifyPack } from '../../evidence/verify.js';
import { parseOptions } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';

const command: Command = {
  summary: 'check an evidence pack: hashes, file list, custody chain, signature',
  usage: `usage: certwatch verify FILE.zip [--key PUBLIC.pem] [--json]

Checks that every file's size, SHA-256 and SM3 match manifest.json, that nothing is
missing or added, that SHA256SUMS agrees, that the custody log's hash chain holds,
and that manifest.json.sig is a valid Ed25519 signature by the pack's key
(and, with --key, that the key is the one given). Refuses entries with absolute
paths or "..". Exit 0 when all hold, 1 otherwise (each problem on its own line).`,
  async run(args) {
    const { values, positionals } = parseOptions(args, { key: { type: 'string' }, json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.zip');
    let expectedPublicKey: string | undefined;
    if (values.key) {
      try {
        expectedPublicKey = readFileSync(values.key, 'utf8');
      } catch (err) {
        throw new UsageError(`--key: cannot read ${values.key}: ${(err as Error).message}`);
      }
    }
    const r = await verifyPack(positionals[0]!, { expectedPublicKey });
    if (values.json) console.log(JSON.stringify(r));
    else if (r.ok) console.log(`OK: ${positionals[0]} — ${r.entries} files, hashes, file list, custody chain and signature check out\n  signing key ${r.fingerprint}`);
    else console.error(`FAILED: ${positionals[0]}\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
    return r.ok ? EXIT_OK : EXIT_FAILURE;
  },
};

export default command;
