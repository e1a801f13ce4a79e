// `certwatch verify FILE.zip`: exit 0 only when every file's hashes, the file list, the custody
// chain and the signature of a pack check out and the signer is the one expected; otherwise names what failed.
import { readFileSync } from 'node:fs';
import { verifyPack } from '../../evidence/verify.js';
import { parseOptions } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_SIGNER_UNVERIFIED, EXIT_TOO_LARGE } from '../exit-codes.js';

const command: Command = {
  summary: 'check an evidence pack: hashes, file list, custody chain, signature, signer',
  usage: `usage: certwatch verify FILE.zip [--key PUBLIC.pem | --fingerprint HEX] [--json]

Checks that every file's size, SHA-256 and SM3 match manifest.json, that nothing is
missing or added, that SHA256SUMS agrees, that the custody log's hash chain holds,
that manifest.json.sig is a valid Ed25519 signature by the pack's key, and that
VERIFY.md names that key's fingerprint. Refuses entries with absolute paths or "..".
Every file is streamed with size caps (1 GiB per file, 4 GiB in all), never held whole.

Anyone can re-sign an edited pack with a key of their own, so say whose signature you
expect: --key (the sender's public key file) or --fingerprint (the SHA-256 fingerprint
the sender gave you by another channel, hex with or without colons).

Exit codes: 0 all checks hold and the signer is the one expected; 1 a check failed;
2 bad usage; 3 the pack inflates past the size caps (a zip bomb?), not checked;
4 all checks hold but the signer was not checked (no --key or --fingerprint).`,
  async run(args) {
    const { values, positionals } = parseOptions(args, { key: { type: 'string' }, fingerprint: { type: 'string' }, json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.zip');
    let expectedPublicKey: string | undefined;
    if (values.key) {
      try {
        expectedPublicKey = readFileSync(values.key, 'utf8');
      } catch (err) {
        throw new UsageError(`--key: cannot read ${values.key}: ${(err as Error).message}`);
      }
    }
    const expectedFingerprint = values.fingerprint;
    if (expectedFingerprint !== undefined && !/^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/.test(expectedFingerprint.trim())) {
      throw new UsageError('--fingerprint: give the 64 hex digits of the SHA-256 key fingerprint (colons optional)');
    }
    const file = positionals[0]!;
    const r = await verifyPack(file, { expectedPublicKey, expectedFingerprint: expectedFingerprint?.trim() });
    const code = r.tooLarge ? EXIT_TOO_LARGE : !r.ok ? EXIT_FAILURE : r.signerChecked ? EXIT_OK : EXIT_SIGNER_UNVERIFIED;
    if (values.json) console.log(JSON.stringify({ ...r, exitCode: code }));
    else if (!r.ok) console.error(`FAILED: ${file}${r.tooLarge ? ' (not checked: over the size caps)' : ''}\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
    else if (r.signerChecked) console.log(`OK: ${file} — ${r.entries} files, hashes, file list, custody chain and signature check out\n  signed by the expected key ${r.fingerprint}`);
    else {
      console.log(`OK, BUT THE SIGNER IS UNVERIFIED: ${file} — ${r.entries} files, hashes, file list, custody chain and signature check out`);
      console.error(
        `WARNING: the pack is signed by key ${r.fingerprint}, and nothing said whose key that should be: anyone can re-sign an edited pack.\n` +
          '  Confirm the fingerprint with the sender by another channel and run again with --fingerprint HEX (or --key PUBLIC.pem).',
      );
    }
    return code;
  },
};

export default command;
