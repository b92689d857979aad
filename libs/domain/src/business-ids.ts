import { DomainErrorCode, DomainValidationError } from './domain-validation.error';

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

// CVR: 8 digits, not starting with 0, weighted sum ≡ 0 (mod 11) (erhvervsstyrelsen.dk/modulus_11).
export function parseCvr(input: string): string {
  const value = input.trim();
  if (!/^[1-9]\d{7}$/.test(value)) {
    throw new DomainValidationError(
      DomainErrorCode.CVR_FORMAT,
      'a CVR number has 8 digits and does not start with 0',
    );
  }
  const sum = [...value].reduce((s, d, i) => s + Number(d) * (CVR_WEIGHTS[i] ?? 0), 0);
  if (sum % 11 !== 0)
    throw new DomainValidationError(
      DomainErrorCode.CVR_CHECKSUM,
      'the CVR number fails its modulus 11 check',
    );
  return value;
}

// SE and P numbers are checked for format only: the SE checksum is unconfirmed and a series of
// P numbers was issued with wrong weights (formats.md §4.2), so a checksum would reject real ones.
export function parseSeNumber(input: string): string {
  const value = input.trim();
  if (!/^\d{8}$/.test(value))
    throw new DomainValidationError(DomainErrorCode.SE_FORMAT, 'an SE number has 8 digits');
  return value;
}

export function parsePNumber(input: string): string {
  const value = input.trim();
  if (!/^\d{10}$/.test(value))
    throw new DomainValidationError(DomainErrorCode.P_FORMAT, 'a P number has 10 digits');
  return value;
}
