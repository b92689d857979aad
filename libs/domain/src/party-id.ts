import { parseCvr, parsePNumber, parseSeNumber } from './business-ids';
import { Cpr } from './cpr';

export type PartyKind = 'CPR' | 'CVR' | 'SE' | 'P';

export interface PartyId {
  readonly kind: PartyKind;
  readonly value: string;
}

export function parsePartyId(kind: PartyKind, value: string): PartyId {
  switch (kind) {
    case 'CPR':
      return { kind, value: Cpr.parse(value).value };
    case 'CVR':
      return { kind, value: parseCvr(value) };
    case 'SE':
      return { kind, value: parseSeNumber(value) };
    case 'P':
      return { kind, value: parsePNumber(value) };
  }
}
