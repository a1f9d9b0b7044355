import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** The DER prefix of an Ed25519 public key in SPKI form, before the raw 32-byte key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;

/**
 * Checks what Discord signs on every request to an interactions endpoint: an Ed25519 signature
 * (`X-Signature-Ed25519`, hex) of `X-Signature-Timestamp` followed by the raw body, with the
 * application's public key (hex, from the developer portal). Node's crypto does Ed25519 itself.
 */
export function discordSignatureVerifier(publicKeyHex: string) {
  const key: KeyObject = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  return (signatureHex: string, timestamp: string, body: Buffer): boolean => {
    if (!SIGNATURE_HEX.test(signatureHex)) return false;
    try {
      return verify(
        null,
        Buffer.concat([Buffer.from(timestamp), body]),
        key,
        Buffer.from(signatureHex, 'hex'),
      );
    } catch {
      return false;
    }
  };
}
