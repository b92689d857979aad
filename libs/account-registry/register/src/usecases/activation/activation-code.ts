import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

// An 8-digit activation code, uniformly drawn (leading zeros kept).
export function newActivationCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

// What the register keeps of a code: an HMAC bound to the account version, so a leaked table
// neither reveals codes nor lets anyone try the 10^8 of them without the secret.
export function activationCodeDigest(secret: string, versionId: string, code: string): string {
  return createHmac('sha256', secret).update(`${versionId}:${code}`).digest('hex');
}

export function activationCodeMatches(
  secret: string,
  versionId: string,
  code: string,
  digest: string | null,
): boolean {
  if (digest === null || !/^\d{8}$/.test(code)) return false;
  const expected = Buffer.from(activationCodeDigest(secret, versionId, code), 'hex');
  const stored = Buffer.from(digest, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
