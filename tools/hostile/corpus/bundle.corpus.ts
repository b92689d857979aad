import { writePain001 } from '@nemkonto/payment-intake-pain001';
import { DEBIT_ACCOUNT, bundle, payment, validDocument } from './bundle-documents';
import { IntakeCase, ReceptionExpectation, Variant, allAccepted } from './hostile-case';

const rejected = (reasonCode: string, reason: string | ((v: Variant) => string)): ReceptionExpectation => ({
  answer: 1,
  groupStatus: 'RJCT',
  reasonCode,
  reason,
  httpStatus: 422,
});
const received = allAccepted({ proceeds: ['OK'] });
const daysAfter = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const one = (v: Variant) => [payment(v, 'OK')];
const b = (name: string, build: (v: Variant) => string, expected: ReceptionExpectation): IntakeCase => ({
  category: 'bundle',
  name,
  build,
  expected,
});

export const BUNDLE_CASES: readonly IntakeCase[] = [
  b(
    'NbOfTxs too high',
    (v) => writePain001(bundle(v, one(v), { declaredCount: '5' })),
    rejected('COUNT_MISMATCH', 'NbOfTxs says 5, the bundle holds 1 payments'),
  ),
  b(
    'NbOfTxs not a number',
    (v) => writePain001(bundle(v, one(v), { declaredCount: "1' OR '1'='1" })),
    rejected('COUNT_MISMATCH', "NbOfTxs says 1' OR '1'='1, the bundle holds 1 payments"),
  ),
  b(
    'CtrlSum wrong',
    (v) => writePain001(bundle(v, one(v), { declaredControlSum: '1.00' })),
    rejected('CONTROL_SUM_MISMATCH', 'CtrlSum says 1.00, the payments add up to 100.00'),
  ),
  b(
    'CtrlSum off by one øre',
    (v) => writePain001(bundle(v, one(v), { declaredControlSum: '100.01' })),
    rejected('CONTROL_SUM_MISMATCH', 'CtrlSum says 100.01, the payments add up to 100.00'),
  ),
  b(
    'CtrlSum not an amount',
    (v) => writePain001(bundle(v, one(v), { declaredControlSum: '1e2' })),
    rejected('CONTROL_SUM_MISMATCH', 'CtrlSum "1e2" is not an amount'),
  ),
  {
    category: 'bundle',
    name: 'a bundle id used before, with other content',
    prior: validDocument,
    build: (v) => writePain001(bundle(v, [payment(v, 'OTHER', { amount: '999.00' })])),
    expected: rejected(
      'BUNDLE_ID_REUSED',
      (v) => `bundle id ${v.msgId} was already used for a bundle with other content`,
    ),
  },
  {
    category: 'bundle',
    name: 'an identical resend (same answers, nothing new)',
    prior: validDocument,
    build: validDocument,
    expected: { ...received, resend: true },
  },
  b(
    'another authority in InitgPty',
    (v) => writePain001(bundle(v, one(v), { authorityId: 'SKAT' })),
    rejected('UNKNOWN_AUTHORITY', 'the bundle names authority SKAT, but was sent by UDK'),
  ),
  b(
    'an unknown authority in InitgPty',
    (v) => writePain001(bundle(v, one(v), { authorityId: "NOBODY'--" })),
    rejected('UNKNOWN_AUTHORITY', "the bundle names authority NOBODY'--, but was sent by UDK"),
  ),
  b(
    'a debit account not registered for the authority',
    (v) => writePain001(bundle(v, one(v), {}, { debitAccount: '99990000000001' })),
    rejected(
      'UNKNOWN_DEBIT_ACCOUNT',
      (v) => `PmtInf ${v.msgId}-P1: debit account 9999 0000000001 is not registered for UDK`,
    ),
  ),
  b(
    'a malformed debit account',
    (v) => writePain001(bundle(v, one(v), {}, { debitAccount: '0216-4069158738' })),
    rejected(
      'DEBIT_ACCOUNT_INVALID',
      (v) => `PmtInf ${v.msgId}-P1: the debit account must be a 4-digit reg.nr and a 10-digit account number`,
    ),
  ),
  b(
    'a debit account as IBAN',
    (v) =>
      writePain001(bundle(v, one(v))).replace(
        `<DbtrAcct><Id><Othr><Id>${DEBIT_ACCOUNT}</Id></Othr></Id></DbtrAcct>`,
        '<DbtrAcct><Id><IBAN>DK5000400440116243</IBAN></Id></DbtrAcct>',
      ),
    rejected(
      'DEBIT_ACCOUNT_INVALID',
      (v) => `PmtInf ${v.msgId}-P1: the debit account must be a 4-digit reg.nr and a 10-digit account number`,
    ),
  ),
  b(
    'a second PmtInf with an unknown debit account (the whole bundle goes)',
    (v) => {
      const doc = bundle(v, one(v));
      const second = { ...doc.paymentInfos[0]!, pmtInfId: `${v.msgId}-P2`, debitAccount: '99990000000002' };
      return writePain001({
        ...doc,
        paymentInfos: [...doc.paymentInfos, { ...second, transactions: [payment(v, 'P2')] }],
      });
    },
    rejected(
      'UNKNOWN_DEBIT_ACCOUNT',
      (v) => `PmtInf ${v.msgId}-P2: debit account 9999 0000000002 is not registered for UDK`,
    ),
  ),
  b(
    'an execution date that is not a date',
    (v) => writePain001(bundle(v, one(v), {}, { requestedExecutionDate: '2026-02-30' })),
    rejected('EXECUTION_DATE_INVALID', (v) => `PmtInf ${v.msgId}-P1: ReqdExctnDt is not a date`),
  ),
  b(
    'an execution date more than a year ahead',
    (v) => writePain001(bundle(v, one(v), {}, { requestedExecutionDate: daysAfter(v.today, 400) })),
    rejected(
      'EXECUTION_DATE_TOO_FAR',
      (v) => `PmtInf ${v.msgId}-P1: ReqdExctnDt ${daysAfter(v.today, 400)} is more than 365 days ahead`,
    ),
  ),
  b(
    'an execution date in the past (executed on the earliest day)',
    (v) => writePain001(bundle(v, one(v), {}, { requestedExecutionDate: '2020-01-02' })),
    received,
  ),
];
