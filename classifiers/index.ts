// The classifier's public API: what the pipeline, crawlers and CLI import.
// Pure text logic; the only I/O is reading the shipped model file once.
export type { Authority, CertType, Classification, ClassificationWithText, ClassifyOptions, Contact, ContactKind, PostInput } from './types.js';
export type { Model } from './model/model.js';
export { classifyPost } from './classify-post.js';
export { normalizeText } from './text/normalize.js';
export { extractContacts } from './contacts/extract-contacts.js';
export { tagCertTypes } from './cert-types/tag-cert-types.js';
export { loadDefaultModel, loadModelFile } from './model/default-model.js';
export { decodeQrContacts, decodeQrText, decodeQrTextInPixels, qrTextContacts } from './contacts/qr-contacts.js';
export { decodePicture, type RgbaPixels } from './contacts/picture-pixels.js';
export { linkContacts } from './contacts/link-contacts.js';
export { pointsToPicture } from './contacts/picture-pointer.js';
export { CUES } from './features/lexicon.js';
export { certTypeName } from './cert-types/cert-type-names.js';
