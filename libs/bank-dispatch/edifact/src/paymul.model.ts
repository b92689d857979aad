export type BeneficiaryAccount =
  | { readonly kind: 'DK'; readonly regNo: string; readonly accountNo: string }
  | { readonly kind: 'IBAN'; readonly iban: string; readonly bic: string | null; readonly country: string }
  | {
      readonly kind: 'OTHER';
      readonly accountNo: string;
      readonly bankCode: string | null;
      readonly bic: string | null;
      readonly country: string;
    };

// One credit (level C, SG11): one payment to one beneficiary.
export interface PaymulCredit {
  readonly amountOre: number;
  // RFF+CR: our unique end-to-end reference (≤ 35), echoed by the bank in BANSTA.
  readonly endToEndRef: string;
  readonly beneficiary: BeneficiaryAccount;
  readonly beneficiaryName: string;
  readonly adviceText: string | null;
}

// One debit (level B, SG4): one debit account and execution date.
export interface PaymulDebit {
  readonly executionDate: string;
  // RFF+AEK: echoed by the bank in BANSTA for the whole debit line.
  readonly reference: string;
  readonly debitRegNo: string;
  readonly debitAccountNo: string;
  readonly debtorName: string;
  readonly credits: readonly PaymulCredit[];
}

export interface PaymulInterchange {
  // UNB 0020: unique per sender/recipient; the bank deduplicates on it.
  readonly controlRef: string;
  readonly senderId: string;
  readonly recipientId: string;
  readonly partyQualifier: string;
  readonly preparedAt: Date;
  // UNH 0062 and BGM 1004.
  readonly messageRef: string;
  readonly documentNo: string;
  readonly debits: readonly PaymulDebit[];
  readonly test?: boolean;
  // Per-bank limit for the advice text (Danish short advice: 20 characters).
  readonly maxAdviceLength?: number;
}
