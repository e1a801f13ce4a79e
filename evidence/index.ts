// Evidence capture and referral packs: the public API the workers, the CLI and the
// dashboard use. Everything else under evidence/ is internal.
export { captureListing, type CaptureListingOptions, type CaptureOutcome, type CaptureReason } from './capture/capture-listing.js';
export type { CaptureRow, EvidenceRow } from './storage/captures.js';
export { CaptureError } from './capture/page-capture.js';
export { redisCaptureGate, localCaptureGate, type CaptureGate } from './capture/capture-gate.js';
export { createCaptureProcessor, type JobProcessor } from './capture-processor.js';
export { createExportProcessor } from './export-processor.js';
export { exportPack, type ExportPackOptions, type ExportPackResult } from './pack/export-pack.js';
export { packVersionsOf, packVersionOf, packVersionBySha, type PackVersion, type PackVia } from './storage/packs.js';
export { packFileStream, PackFileError } from './pack/pack-file.js';
export { verifyPack, type VerifyResult, type VerifyOptions } from './pack/verify-pack.js';
export { PackError } from './pack/pack-inputs.js';
export { EvidenceFileError, type EvidenceProblem } from './pack/checked-blob-stream.js';
export { ensureKeys, loadKeys, keysDir, KeyError, publicKeyFingerprint, type SigningKeys } from './signing-keys.js';
export { digestBytes, type Digests } from './digests.js';
