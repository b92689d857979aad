import { PARTNER_ID_PATTERN } from '@nemkonto/contracts';
import { DomainValidationError, parseIsoDate } from '@nemkonto/domain';
import type { IncomingMessage } from 'node:http';
import { InputError } from '../../http/registry-input';
import { LegalBasisKind, LookupMode, PrivatePayer } from '../payers/private-payer';

type Json = Record<string, unknown>;

export const END_USER_HEADER = 'x-nemkonto-end-user';

// The end user the payer acts for: its own opaque id (1-200 visible ASCII characters), required
// on REST; only its hash is stored.
export function endUserOf(req: IncomingMessage): string {
  const v = req.headers[END_USER_HEADER];
  if (v === undefined)
    throw new InputError('END_USER_MISSING', `the ${END_USER_HEADER} header is required`, END_USER_HEADER);
  if (typeof v !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(v))
    throw new InputError(
      'END_USER_FORMAT',
      `${END_USER_HEADER} is 1-200 visible ASCII characters`,
      END_USER_HEADER,
    );
  return v;
}

const text = (b: Json, field: string, max: number, pattern?: RegExp): string => {
  const v = b[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > max || (pattern && !pattern.test(v)))
    throw new InputError(
      'FIELD_FORMAT',
      `${field} must be a string of 1 to ${max} characters${pattern ? ` matching ${String(pattern)}` : ''}`,
      field,
    );
  return v;
};

const oneOf = <T extends string>(v: unknown, field: string, values: readonly T[]): T => {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw new InputError('FIELD_FORMAT', `${field} is one of ${values.join(', ')}`, field);
  return v as T;
};

export function dateOf(b: Json, field: string, required: true): string;
export function dateOf(b: Json, field: string, required: false): string | null;
export function dateOf(b: Json, field: string, required: boolean): string | null {
  const v = b[field];
  if ((v === undefined || v === null) && !required) return null;
  if (typeof v !== 'string') throw new InputError('DATE_FORMAT', `${field} is a date YYYY-MM-DD`, field);
  try {
    parseIsoDate(v);
  } catch (err) {
    if (err instanceof DomainValidationError) throw new InputError(err.code, err.message, field);
    throw err;
  }
  return v;
}

const bucketOf = (b: Json, field: string): { capacity: number | null; refillPerSecond: number | null } => {
  const v = b[field];
  if (v === undefined || v === null) return { capacity: null, refillPerSecond: null };
  if (typeof v !== 'object' || Array.isArray(v))
    throw new InputError('FIELD_FORMAT', `${field} is an object`, field);
  const o = v as Json;
  const capacity = o['capacity'];
  const rate = o['refillPerSecond'];
  if (!Number.isInteger(capacity) || (capacity as number) < 20 || (capacity as number) > 100_000_000)
    throw new InputError(
      'FIELD_FORMAT',
      `${field}.capacity is a whole number 20-100000000`,
      `${field}.capacity`,
    );
  if (typeof rate !== 'number' || !(rate > 0) || rate > 1_000_000)
    throw new InputError(
      'FIELD_FORMAT',
      `${field}.refillPerSecond is a number above 0`,
      `${field}.refillPerSecond`,
    );
  return { capacity: capacity as number, refillPerSecond: rate };
};

// An operator's registration of a payer: the whole agreement (a new one replaces the old).
export function payerOf(b: Json): { payer: PrivatePayer; apiTokenSha256: string } {
  const legal = b['legalBasis'];
  if (typeof legal !== 'object' || legal === null || Array.isArray(legal))
    throw new InputError('FIELD_FORMAT', 'legalBasis is {kind, reference}', 'legalBasis');
  const l = legal as Json;
  const activeFrom = dateOf(b, 'activeFrom', true);
  const activeTo = dateOf(b, 'activeTo', false);
  if (activeTo !== null && activeTo < activeFrom)
    throw new InputError('PERIOD', 'activeTo is on or after activeFrom', 'activeTo');
  const brokerUser = b['brokerUser'];
  return {
    payer: {
      payerId: text(b, 'payerId', 50, PARTNER_ID_PATTERN),
      name: text(b, 'name', 200),
      nksAgreementNo: text(b, 'nksAgreementNo', 35, /^[A-Za-z0-9-]{1,35}$/),
      legalBasis: {
        kind: oneOf<LegalBasisKind>(l['kind'], 'legalBasis.kind', ['LEGAL_BASIS', 'CONSENT']),
        reference: text(l, 'reference', 500),
      },
      lookupMode: oneOf<LookupMode>(b['lookupMode'], 'lookupMode', ['FULL', 'YES_NO']),
      brokerUser: brokerUser === undefined || brokerUser === null ? null : text(b, 'brokerUser', 100),
      bucket: bucketOf(b, 'bucket'),
      endUserBucket: bucketOf(b, 'endUserBucket'),
      activeFrom,
      activeTo,
    },
    apiTokenSha256: text(b, 'apiTokenSha256', 64, /^[0-9a-f]{64}$/),
  };
}

// The usage report's period: from and to (inclusive), at most 366 days.
export function periodOf(query: Json): { from: string; to: string } {
  const from = dateOf(query, 'from', true);
  const to = dateOf(query, 'to', true);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0 || days > 365)
    throw new InputError('PERIOD', 'from is on or before to, at most 366 days apart', 'to');
  return { from, to };
}
