import { composeIBAN } from 'ibantools';
import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';
import { Iban } from './iban';

export interface DanishAccountData {
  readonly kind: 'DK';
  readonly regNo: string;
  readonly accountNo: string;
}

// A Danish account: 4-digit reg.nr + account number of up to 10 digits, stored zero-padded to
// 10 as in the BBAN. Syntax only, no modulus check: the banks' methods are not public and a naive
// check rejects over half of real accounts (formats.md §3). The bank's answer (BANSTA/pain.002)
// is the authority on whether an account exists.
export class DanishAccount implements DanishAccountData {
  readonly kind = 'DK' as const;

  private constructor(
    readonly regNo: string,
    readonly accountNo: string,
  ) {}

  static parse(regNo: string, accountNo: string): DanishAccount {
    const reg = regNo.trim();
    const account = accountNo.trim();
    if (!/^\d{4}$/.test(reg)) {
      throw new DomainValidationError(DomainErrorCode.REG_NO_FORMAT, 'a reg.nr has 4 digits');
    }
    if (!/^\d{1,10}$/.test(account)) {
      throw new DomainValidationError(
        DomainErrorCode.ACCOUNT_NO_FORMAT,
        'a Danish account number has 1 to 10 digits',
      );
    }
    return new DanishAccount(reg, account.padStart(10, '0'));
  }

  static tryParse(regNo: string, accountNo: string): ParseResult<DanishAccount> {
    return tryParse(() => DanishAccount.parse(regNo, accountNo));
  }

  // The 14-digit BBAN: reg.nr followed by the padded account number.
  static fromBban(bban: string): DanishAccount {
    const value = bban.trim();
    if (!/^\d{14}$/.test(value)) {
      throw new DomainValidationError(
        DomainErrorCode.BBAN_FORMAT,
        'a Danish BBAN is 14 digits: 4-digit reg.nr and 10-digit account number',
      );
    }
    return DanishAccount.parse(value.slice(0, 4), value.slice(4));
  }

  static fromIban(iban: Iban | string): DanishAccount {
    const parts = (typeof iban === 'string' ? Iban.parse(iban) : iban).danishParts();
    return DanishAccount.parse(parts.regNo, parts.accountNo);
  }

  get bban(): string {
    return `${this.regNo}${this.accountNo}`;
  }

  toIban(): Iban {
    const iban = composeIBAN({ countryCode: 'DK', bban: this.bban });
    // Cannot happen for 14 digits; guards a change in ibantools.
    if (!iban) throw new DomainValidationError(DomainErrorCode.BBAN_FORMAT, 'cannot compose a DK IBAN');
    return Iban.parse(iban);
  }

  equals(other: DanishAccountData): boolean {
    return this.regNo === other.regNo && this.accountNo === other.accountNo;
  }

  toString(): string {
    return `${this.regNo} ${this.accountNo}`;
  }

  // The wire form; rebuild with DanishAccount.parse on receipt.
  toJSON(): DanishAccountData {
    return { kind: this.kind, regNo: this.regNo, accountNo: this.accountNo };
  }
}

export function parseDanishAccount(regNo: string, accountNo: string): DanishAccount {
  return DanishAccount.parse(regNo, accountNo);
}

export function danishAccountFromIban(iban: Iban | string): DanishAccount {
  return DanishAccount.fromIban(iban);
}
