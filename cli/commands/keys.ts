// `certwatch keys`: makes and shows the installation's Ed25519 pack-signing key under
// $CERTWATCH_DATA_DIR/keys/ (private key mode 0600).
import { loadConfig } from '../../pipeline/config/load.js';
import { ensureKeys, KeyError, keysDir, loadKeys } from '../../evidence/verify.js';
import { parseOptions } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';

const command: Command = {
  summary: 'make or show the key that signs evidence packs',
  usage: `usage: certwatch keys [show|init|path]

  show   print the public key and its SHA-256 fingerprint (default)
  init   make the Ed25519 key pair if there is none (private key mode 0600)
  path   print the keys directory ($CERTWATCH_DATA_DIR/keys)

Give the fingerprint to the receiving office by a separate channel: it is how they
know a pack's signature is yours.`,
  async run(args) {
    const { positionals } = parseOptions(args, {}, true);
    const action = positionals[0] ?? 'show';
    if (positionals.length > 1 || !['show', 'init', 'path'].includes(action)) throw new UsageError(`unknown keys action '${positionals.join(' ')}'`);
    const { dataDir } = loadConfig();
    if (action === 'path') {
      console.log(keysDir(dataDir));
      return EXIT_OK;
    }
    try {
      const keys = action === 'init' ? ensureKeys(dataDir) : loadKeys(dataDir);
      if (action === 'init') console.log(keys.created ? `made a new signing key in ${keys.dir}` : `a signing key already exists in ${keys.dir}; kept it`);
      console.log(`fingerprint (SHA-256): ${keys.fingerprint}\n${keys.publicKeyPem.trimEnd()}`);
      return EXIT_OK;
    } catch (err) {
      if (err instanceof KeyError) {
        console.error(`certwatch keys: ${err.message}`);
        return EXIT_FAILURE;
      }
      throw err;
    }
  },
};

export default command;
