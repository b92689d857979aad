import { Cpr } from './cpr';
import { Cvr } from './cvr';
import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';
import { PNumber } from './p-number';
import { SeNumber } from './se-number';

// Who a NemKonto belongs to. Plain data (the CPR as its clear 10 digits), because it is stored
// and sent in messages; mask it with maskPartyId before logging.
export type PartyId =
  | { readonly kind: 'CPR'; readonly value: string }
  | { readonly kind: 'CVR'; readonly value: Cvr }
  | { readonly kind: 'SE'; readonly value: SeNumber }
  | { readonly kind: 'P'; readonly value: PNumber };

export type PartyKind = PartyId['kind'];

export const PARTY_KINDS: readonly PartyKind[] = ['CPR', 'CVR', 'SE', 'P'];

export function isPartyKind(kind: string): kind is PartyKind {
  return (PARTY_KINDS as readonly string[]).includes(kind);
}

// Each kind through its own rules, so a CVR is never taken for a P number or a CPR.
export function parsePartyId(kind: PartyKind, value: string): PartyId {
  switch (kind) {
    case 'CPR':
      return { kind, value: Cpr.parse(value).value };
    case 'CVR':
      return { kind, value: Cvr.parse(value) };
    case 'SE':
      return { kind, value: SeNumber.parse(value) };
    case 'P':
      return { kind, value: PNumber.parse(value) };
    default:
      // Reached only when a caller casts an unchecked string to PartyKind.
      throw new DomainValidationError(DomainErrorCode.PARTY_KIND, 'a party id kind is CPR, CVR, SE or P');
  }
}

// Takes the kind as an unchecked string (e.g. a pain.001 scheme name).
export function tryParsePartyId(kind: string, value: string): ParseResult<PartyId> {
  return tryParse(() => parsePartyId(kind as PartyKind, value));
}

// Safe for logs: a CPR keeps only its birth date; company numbers are not personal data.
export function maskPartyId(party: PartyId): string {
  return party.kind === 'CPR' ? `CPR ${party.value.slice(0, 6)}-****` : `${party.kind} ${party.value}`;
}
