import { toLatin1Text } from './latin1-text';
import { BeneficiaryAccount, PaymulCredit, PaymulDebit, PaymulInterchange } from './paymul.model';
import { SEPARATORS, Segment, UNA, segment, serializeSegment } from './syntax';

export class PaymulValidationError extends Error {
  constructor(
    readonly code: 'TEXT_NOT_LATIN1' | 'FIELD_TOO_LONG' | 'INVALID_AMOUNT' | 'EMPTY',
    message: string,
  ) {
    super(message);
    this.name = 'PaymulValidationError';
  }
}

export interface WrittenInterchange {
  readonly text: string;
  // ISO 8859-1, as UNOC requires.
  readonly bytes: Buffer;
  readonly messageSegmentCount: number;
  readonly creditCount: number;
  readonly totalOre: number;
}

// Writes one interchange holding one PAYMUL D.96A message. Lengths are checked on unescaped
// values; escaping happens at serialisation; UNT counts the message's segments from UNH to UNT.
export function writePaymul(interchange: PaymulInterchange): WrittenInterchange {
  if (interchange.debits.length === 0)
    throw new PaymulValidationError('EMPTY', 'an interchange needs at least one debit');
  const body: Segment[] = [
    segment('UNH', max(interchange.messageRef, 14, 'UNH message reference'), ['PAYMUL', 'D', '96A', 'UN']),
    segment('BGM', '452', max(interchange.documentNo, 35, 'BGM document number'), '9'),
    segment('DTM', ['137', ymd(interchange.preparedAt.toISOString().slice(0, 10)), '102']),
  ];
  let creditCount = 0;
  let totalOre = 0;
  interchange.debits.forEach((debit, i) => {
    const sum = debit.credits.reduce((s, c) => s + checkAmount(c.amountOre), 0);
    body.push(...debitSegments(debit, i + 1, sum));
    for (const credit of debit.credits) {
      creditCount++;
      body.push(...creditSegments(credit, creditCount, interchange.maxAdviceLength ?? 140));
    }
    totalOre += sum;
  });
  body.push(segment('CNT', ['39', String(creditCount)]));
  const messageSegmentCount = body.length + 1;
  body.push(segment('UNT', String(messageSegmentCount), interchange.messageRef));

  const at = interchange.preparedAt.toISOString();
  const unb = segment(
    'UNB',
    ['UNOC', '3'],
    [max(interchange.senderId, 35, 'sender id'), interchange.partyQualifier],
    [max(interchange.recipientId, 35, 'recipient id'), interchange.partyQualifier],
    [at.slice(2, 4) + at.slice(5, 7) + at.slice(8, 10), at.slice(11, 13) + at.slice(14, 16)],
    max(interchange.controlRef, 14, 'interchange control reference'),
    '',
    'PAYMUL',
    '',
    '',
    '',
    interchange.test ? '1' : '',
  );
  const unz = segment('UNZ', '1', interchange.controlRef);
  const text = UNA + [unb, ...body, unz].map(serializeSegment).join('');
  return { text, bytes: Buffer.from(text, 'latin1'), messageSegmentCount, creditCount, totalOre };
}

function debitSegments(debit: PaymulDebit, lineNo: number, sumOre: number): Segment[] {
  return [
    segment('LIN', String(lineNo)),
    segment('DTM', ['203', ymd(debit.executionDate), '102']),
    segment('RFF', ['AEK', max(debit.reference, 35, 'RFF AEK reference')]),
    segment('MOA', ['9', formatAmount(sumOre), 'DKK']),
    segment(
      'FII',
      'OR',
      [debit.debitAccountNo, text(debit.debtorName, 35, 'debtor name'), '', 'DKK'],
      ['', '', '', debit.debitRegNo, '80', '130'],
      'DK',
    ),
    segment('NAD', 'OY', '', '', text(debit.debtorName, 35, 'debtor name')),
  ];
}

function creditSegments(credit: PaymulCredit, seqNo: number, maxAdvice: number): Segment[] {
  const name = text(credit.beneficiaryName, 35, 'beneficiary name');
  const segments = [
    segment('SEQ', '', String(seqNo)),
    segment('MOA', ['9', formatAmount(credit.amountOre), 'DKK']),
    segment('RFF', ['CR', max(credit.endToEndRef, 35, 'RFF CR reference')]),
    beneficiaryFii(credit.beneficiary, name),
    segment('NAD', 'BE', '', '', name),
  ];
  if (credit.adviceText) {
    segments.push(
      segment('PRC', '11'),
      segment('FTX', 'PMD', '', '', text(credit.adviceText, maxAdvice, 'advice text')),
    );
  }
  return segments;
}

function beneficiaryFii(account: BeneficiaryAccount, name: string): Segment {
  switch (account.kind) {
    case 'DK':
      return segment(
        'FII',
        'BF',
        [account.accountNo.padStart(10, '0'), name, '', 'DKK'],
        ['', '', '', account.regNo, '80', '130'],
        'DK',
      );
    case 'IBAN':
      return segment(
        'FII',
        'BF',
        [account.iban, name],
        account.bic ? [account.bic, '25', '5'] : '',
        account.country,
      );
    case 'OTHER':
      return segment(
        'FII',
        'BF',
        [max(account.accountNo, 35, 'account number'), name],
        [account.bic ?? '', account.bic ? '25' : '', account.bic ? '5' : '', account.bankCode ?? ''],
        account.country,
      );
  }
}

// øre → "1234,50": integers only, decimal comma as declared in UNA.
export function formatAmount(ore: number): string {
  checkAmount(ore);
  const kr = Math.floor(ore / 100);
  return `${kr}${SEPARATORS.decimal}${String(ore % 100).padStart(2, '0')}`;
}

function checkAmount(ore: number): number {
  if (!Number.isSafeInteger(ore) || ore <= 0) {
    throw new PaymulValidationError(
      'INVALID_AMOUNT',
      `amount must be a positive whole number of øre, got ${ore}`,
    );
  }
  return ore;
}

function ymd(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

function max(value: string, length: number, what: string): string {
  if (value.length > length) {
    throw new PaymulValidationError(
      'FIELD_TOO_LONG',
      `${what} is ${value.length} characters; at most ${length} allowed`,
    );
  }
  return value;
}

function text(value: string, length: number, what: string): string {
  const latin1 = toLatin1Text(value);
  if (!latin1.ok) throw new PaymulValidationError('TEXT_NOT_LATIN1', `${what}: ${latin1.reason}`);
  return max(latin1.text, length, what);
}
