import { AccountDto } from '@nemkonto/contracts';
import {
  DanishAccount,
  DomainValidationError,
  isPartyKind,
  parseForeignAccount,
  parseIsoDate,
  parsePartyId,
} from '@nemkonto/domain';
import { BadRequestException } from '@nestjs/common';
import { PartyKey } from '../usecases/party-state';

// Request bodies are checked field by field through the domain types; a bad value gets its
// specific code and a message that never repeats the value (it may be a CPR number).
export class InputError extends BadRequestException {
  constructor(code: string, message: string, field: string) {
    super({ statusCode: 400, error: 'Bad Request', code, field, message });
  }
}

type Json = Record<string, unknown>;

const obj = (v: unknown, field: string): Json => {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new InputError('FIELD_MISSING', `${field} must be an object`, field);
  return v as Json;
};

const str = (v: unknown, field: string, max = 200): string => {
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    throw new InputError('FIELD_MISSING', `${field} must be a string of 1 to ${max} characters`, field);
  return v;
};

const optionalStr = (v: unknown, field: string, max = 200): string | null =>
  v === undefined || v === null ? null : str(v, field, max);

function domain<T>(field: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof DomainValidationError) throw new InputError(err.code, err.message, field);
    throw err;
  }
}

export function party(body: Json, field = 'party'): PartyKey {
  const p = obj(body[field], field);
  const kind = str(p['kind'], `${field}.kind`, 3);
  if (!isPartyKind(kind))
    throw new InputError('PARTY_KIND', 'a party kind is CPR, CVR, SE or P', `${field}.kind`);
  const value = str(p['value'], `${field}.value`, 10);
  return domain(`${field}.value`, () => parsePartyId(kind, value));
}

export function account(body: Json, field = 'account'): AccountDto {
  const a = obj(body[field], field);
  if (a['kind'] === 'DK') {
    const dk = domain(field, () =>
      DanishAccount.parse(
        str(a['regNo'], `${field}.regNo`, 4),
        str(a['accountNo'], `${field}.accountNo`, 10),
      ),
    );
    return { kind: 'DK', regNo: dk.regNo, accountNo: dk.accountNo };
  }
  if (a['kind'] === 'FOREIGN') {
    const f = domain(field, () =>
      parseForeignAccount({
        iban: optionalStr(a['iban'], `${field}.iban`, 34),
        accountNo: optionalStr(a['accountNo'], `${field}.accountNo`, 34),
        bankCode: optionalStr(a['bankCode'], `${field}.bankCode`, 35),
        bic: optionalStr(a['bic'], `${field}.bic`, 11),
        country: str(a['country'], `${field}.country`, 2),
        currency: str(a['currency'], `${field}.currency`, 3),
        bankName: optionalStr(a['bankName'], `${field}.bankName`, 70),
      }),
    );
    return {
      kind: 'FOREIGN',
      iban: f.iban,
      accountNo: f.accountNo,
      bankCode: f.bankCode,
      bic: f.bic === null ? null : String(f.bic),
      country: f.country,
      currency: f.currency,
      bankName: f.bankName,
    };
  }
  throw new InputError('ACCOUNT_KIND', 'an account kind is DK or FOREIGN', `${field}.kind`);
}

export function expectedVersion(body: Json): number | undefined {
  const v = body['expectedVersion'];
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || (v as number) < 0)
    throw new InputError('VERSION_FORMAT', 'expectedVersion is a whole number ≥ 0', 'expectedVersion');
  return v as number;
}

export function isoDate(body: Json, field: string, fallback: string): string {
  const v = body[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'string') throw new InputError('DATE_FORMAT', `${field} is a date YYYY-MM-DD`, field);
  domain(field, () => parseIsoDate(v));
  return v;
}

export function benefitType(body: Json, required: boolean): string | undefined {
  const v = body['benefitType'];
  if (v === undefined && !required) return undefined;
  const s = str(v, 'benefitType', 35);
  if (!/^[A-Z0-9_-]{1,35}$/.test(s))
    throw new InputError('BENEFIT_TYPE_FORMAT', 'benefitType is 1 to 35 of A-Z, 0-9, _ and -', 'benefitType');
  return s;
}

export function reason(body: Json, required: boolean): string | undefined {
  const v = body['reason'];
  if (v === undefined && !required) return undefined;
  return str(v, 'reason', 500);
}

export function items(body: unknown, max: number): Json[] {
  const b = obj(body, 'body');
  const list = b['items'];
  if (!Array.isArray(list) || list.length === 0 || list.length > max)
    throw new InputError('ITEMS', `items must be a list of 1 to ${max}`, 'items');
  return list.map((x, i) => obj(x, `items[${i}]`));
}

export const bodyOf = (body: unknown): Json => obj(body, 'body');
