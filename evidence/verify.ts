// The evidence room's narrow face for `certwatch verify` and `certwatch keys`: checking a pack and
// handling keys must start in a blink and never load a browser, so they skip ./index.ts.
export { verifyPack, type VerifyResult, type VerifyOptions } from './pack/verify-pack.js';
export { ensureKeys, loadKeys, keysDir, KeyError, publicKeyFingerprint, type SigningKeys } from './signing-keys.js';
