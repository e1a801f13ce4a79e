// The installation's Ed25519 signing key: made once by `certwatch keys`, kept under
// $CERTWATCH_DATA_DIR/keys/ (private key 0600), and used to sign every pack's manifest.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PRIVATE_KEY_FILE = 'signing-key.pem';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';
export const SIGNATURE_ALGORITHM = 'Ed25519';

export class KeyError extends Error {
  override name = 'KeyError';
}

export interface SigningKeys {
  dir: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, hex in colon-separated pairs. */
  fingerprint: string;
  created: boolean;
}

export function keysDir(dataDir: string): string {
  return join(resolve(dataDir), 'keys');
}

export function publicKeyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex');
  return hex.match(/../g)!.join(':');
}

/** Loads the key pair; throws KeyError when it is missing, unreadable or exposed. */
export function loadKeys(dataDir: string): SigningKeys {
  const dir = keysDir(dataDir);
  const privPath = join(dir, PRIVATE_KEY_FILE);
  if (!existsSync(privPath)) throw new KeyError(`no signing key in ${dir}; run \`certwatch keys init\``);
  const mode = statSync(privPath).mode & 0o777;
  // Like ssh: a private key others can read is no longer evidence of who signed.
  if (mode & 0o077) {
    throw new KeyError(`${privPath} is accessible to other users (mode ${mode.toString(8)}); run \`chmod 600 ${privPath}\``);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(privPath));
  } catch (err) {
    throw new KeyError(`${privPath} is not a readable private key: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyError(`${privPath} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { dir, privateKey, publicKey, publicKeyPem, fingerprint: publicKeyFingerprint(publicKey), created: false };
}

/** Loads the key pair, creating it (dir 0700, private key 0600) when there is none. */
export function ensureKeys(dataDir: string): SigningKeys {
  const dir = keysDir(dataDir);
  const privPath = join(dir, PRIVATE_KEY_FILE);
  if (existsSync(privPath)) return loadKeys(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // 'wx' refuses to overwrite a key another process wrote a moment ago.
  try {
    writeFileSync(privPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadKeys(dataDir);
    throw err;
  }
  chmodSync(privPath, 0o600);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(join(dir, PUBLIC_KEY_FILE), publicKeyPem, { mode: 0o644 });
  return { dir, privateKey, publicKey, publicKeyPem, fingerprint: publicKeyFingerprint(publicKey), created: true };
}

export function signDetached(keys: Pick<SigningKeys, 'privateKey'>, data: Buffer): Buffer {
  return sign(null, data, keys.privateKey);
}

export function verifyDetached(publicKeyPem: string | Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}
