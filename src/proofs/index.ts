/**
 * Printable proofs of requests and receipts: signed tokens for the `/verify/{code}` page, the
 * QR code that carries them, and the PDF. See docs/proofs.md.
 */
export {
  PROOF_FORMAT_VERSION,
  maskIdForProof,
  maskName,
  proofKinds,
  proofPayloadFor,
  type ProofFacts,
  type ProofKind,
  type ProofPayload,
} from './payload.js';
export {
  MAX_TOKEN_LENGTH,
  createProofSigner,
  createProofVerifier,
  defaultProofKeyFile,
  loadOrCreateSigningKey,
  proofKeyId,
  type ProofCheck,
  type PublishedProofKey,
  type ProofSigner,
  type ProofSignerOptions,
  type ProofVerifier,
} from './tokens.js';
export { qrMatrix, qrSvg, type QrErrorCorrection, type QrMatrix, type QrSvgOptions } from './qr.js';
export { renderProofPdf, type ProofPdfInput } from './pdf.js';
export { proofPdfLabels, type ProofPdfLabels } from './pdf-labels.js';
export { defaultRetiredKeysDir, proofSignerFor, retiredPublicKeys } from './from-config.js';
export { proofsKeysCommand, proofsRotateKeyCommand, rotateKeyFile } from './cli.js';
