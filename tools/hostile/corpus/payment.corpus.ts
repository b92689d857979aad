import { Pain001TransactionInput, writePain001 } from '@nemkonto/payment-intake-pain001';
import { bundle, payment, withBadPayment } from './bundle-documents';
import { IntakeCase, ReceptionExpectation, Variant, allAccepted } from './hostile-case';

// One bad payment ("BAD") and one good one ("OK"): answer 2 PART with the reason, and the good
// payment reaches the bank.
const bad = (
  name: string,
  tx: Partial<Pain001TransactionInput> | ((v: Variant) => Partial<Pain001TransactionInput>),
  reasonCode: string,
  reason: string,
  suffix = 'BAD',
): IntakeCase => ({
  category: 'payment',
  name,
  build: (v) => withBadPayment(v, typeof tx === 'function' ? tx(v) : tx),
  expected: {
    answer: 2,
    groupStatus: 'PART',
    reasonCode: null,
    reason: '1 payment rejected at reception',
    httpStatus: 200,
    rejected: [{ suffix, reasonCode, reason }],
    proceeds: ['OK'],
  },
});
// Accepted at reception: every payment goes on (or is refused by dispatch, answer 9).
const accepted = (
  name: string,
  build: (v: Variant) => string,
  more: Partial<ReceptionExpectation> = {},
): IntakeCase => ({
  category: 'payment',
  name,
  build,
  expected: allAccepted(more),
});

const CPR_FORMAT = 'invalid CPR number: a CPR number has 10 digits, written DDMMYYSSSS or DDMMYY-SSSS';
const ACCOUNT_FORMAT = 'CdtrAcct/Id/Othr/Id must be reg.nr + account, 14 digits';
const E2E = 'EndToEndId must be 1-35 characters of the SWIFT character set';

export const PAYMENT_CASES: readonly IntakeCase[] = [
  bad(
    'a CPR number with an impossible birth date',
    { creditor: { scheme: 'CPR', id: '3213901234' } },
    'CREDITOR_ID_INVALID',
    'invalid CPR number: the first six digits of a CPR number must be a real birth date',
  ),
  bad(
    'a CPR number of 5 digits',
    { creditor: { scheme: 'CPR', id: '12345' } },
    'CREDITOR_ID_INVALID',
    CPR_FORMAT,
  ),
  bad(
    'a CPR number with a letter',
    { creditor: { scheme: 'CPR', id: '01016O1001' } },
    'CREDITOR_ID_INVALID',
    CPR_FORMAT,
  ),
  bad(
    'a CPR number with SQL in it',
    { creditor: { scheme: 'CPR', id: "0101651001' OR '1'='1" } },
    'CREDITOR_ID_INVALID',
    CPR_FORMAT,
  ),
  bad(
    'a CVR number failing modulus 11',
    { creditor: { scheme: 'CVR', id: '12345678' } },
    'CREDITOR_ID_INVALID',
    'invalid CVR number: the CVR number fails its modulus 11 check',
  ),
  bad(
    'an SE number of 7 digits',
    { creditor: { scheme: 'SE', id: '1234567' } },
    'CREDITOR_ID_INVALID',
    'invalid SE number: an SE number has 8 digits',
  ),
  bad(
    'a P number of 9 digits',
    { creditor: { scheme: 'P', id: '123456789' } },
    'CREDITOR_ID_INVALID',
    'invalid P number: a P number has 10 digits',
  ),
  {
    ...bad(
      'an unknown creditor scheme',
      {},
      'CREDITOR_SCHEME_UNKNOWN',
      'the creditor scheme must be CPR, CVR, SE or P',
    ),
    build: (v) => withBadPayment(v, {}).replace('<Prtry>CPR</Prtry>', '<Prtry>XYZ</Prtry>'),
  },
  bad(
    'a creditor account of 13 digits',
    { creditorAccount: { other: '0040044011624' } },
    'CREDITOR_ACCOUNT_INVALID',
    ACCOUNT_FORMAT,
  ),
  bad(
    'a reg.nr with letters',
    { creditorAccount: { other: '00A40440116243' } },
    'CREDITOR_ACCOUNT_INVALID',
    ACCOUNT_FORMAT,
  ),
  bad(
    'an IBAN with wrong check digits',
    { creditorAccount: { iban: 'DK0000400440116243' } },
    'CREDITOR_ACCOUNT_INVALID',
    'creditor account: the IBAN fails its check digits (mod 97)',
  ),
  bad(
    'an IBAN with SQL in it',
    { creditorAccount: { iban: "DK50' OR 1=1" } },
    'CREDITOR_ACCOUNT_INVALID',
    'creditor account: an IBAN is a country code, 2 check digits and up to 30 letters or digits',
  ),
  bad(
    'a foreign IBAN with an invalid BIC',
    { creditorAccount: { iban: 'DE89370400440532013000', bic: 'XXXX' } },
    'CREDITOR_ACCOUNT_INVALID',
    'creditor account: a BIC has 8 or 11 characters: bank, country, location and optional branch',
  ),
  bad('a zero amount', { amount: '0.00' }, 'AMOUNT_NOT_POSITIVE', 'the amount must be greater than 0'),
  bad('a negative amount', { amount: '-5.00' }, 'AMOUNT_NOT_POSITIVE', 'the amount must be greater than 0'),
  bad(
    'an amount with 3 decimals',
    { amount: '10.005' },
    'AMOUNT_TOO_MANY_DECIMALS',
    'the amount has more than 2 decimals',
  ),
  bad('an amount with a decimal comma', { amount: '12,50' }, 'AMOUNT_INVALID', '"12,50" is not an amount'),
  bad('an amount in exponent notation', { amount: '1e3' }, 'AMOUNT_INVALID', '"1e3" is not an amount'),
  bad(
    'an amount beyond any øre integer',
    { amount: '99999999999999999.00' },
    'AMOUNT_INVALID',
    '"99999999999999999.00" is not an amount',
  ),
  bad(
    'a currency other than DKK',
    { currency: 'EUR' },
    'CURRENCY_NOT_DKK',
    'currency must be DKK, got "EUR"',
  ),
  bad(
    'an EndToEndId with a semicolon',
    (v) => ({ endToEndId: v.e2e('A;DROP TABLE payments') }),
    'END_TO_END_ID_INVALID',
    E2E,
    'A;DROP TABLE payments',
  ),
  // The variant's tag and dash are 5 characters.
  bad(
    'an EndToEndId of 36 characters',
    (v) => ({ endToEndId: v.e2e('X'.repeat(31)) }),
    'END_TO_END_ID_INVALID',
    E2E,
    'X'.repeat(31),
  ),
  bad(
    'a benefit type in lower case',
    { benefitType: 'boerneydelse' },
    'BENEFIT_TYPE_INVALID',
    'the benefit type (Purp/Prtry) must be 1-35 of A-Z, 0-9 and _',
  ),
  bad(
    'an advice text of 141 characters',
    { adviceText: 'a'.repeat(141) },
    'ADVICE_TEXT_INVALID',
    'the advice text must be at most 140 printable characters',
  ),
  bad(
    'an advice text with a tab',
    { adviceText: 'a\tb' },
    'ADVICE_TEXT_INVALID',
    'the advice text must be at most 140 printable characters',
  ),
  {
    category: 'payment',
    name: 'a duplicate EndToEndId in the same bundle',
    build: (v) => writePain001(bundle(v, [payment(v, 'OK'), payment(v, 'OK', { amount: '5.00' })])),
    expected: {
      answer: 2,
      groupStatus: 'PART',
      reasonCode: null,
      reason: '1 payment rejected at reception',
      httpStatus: 200,
      rejected: [
        {
          suffix: 'OK',
          reasonCode: 'END_TO_END_ID_DUPLICATE',
          reason: 'EndToEndId already used by this authority',
        },
      ],
      proceeds: ['OK'],
    },
  },
  {
    category: 'payment',
    name: 'an EndToEndId used in an earlier bundle',
    prior: (v) => writePain001(bundle({ ...v, msgId: `${v.msgId}-0` }, [payment(v, 'DUP')])),
    build: (v) => writePain001(bundle(v, [payment(v, 'DUP'), payment(v, 'OK')])),
    expected: {
      answer: 2,
      groupStatus: 'PART',
      reasonCode: null,
      reason: '1 payment rejected at reception',
      httpStatus: 200,
      rejected: [
        {
          suffix: 'DUP',
          reasonCode: 'END_TO_END_ID_DUPLICATE',
          reason: 'EndToEndId already used by this authority',
        },
      ],
      proceeds: ['DUP', 'OK'],
    },
  },
  accepted(
    "advice text with EDIFACT service characters ' + : ?",
    (v) => writePain001(bundle(v, [payment(v, 'OK', { adviceText: "Rate 1+2: 50% ?'ok' ::++''??" })])),
    { proceeds: ['OK'], paymulAdvice: "Rate 1+2: 50% ?'ok' ::++''??" },
  ),
  accepted(
    'advice text with € (transliterated)',
    (v) => writePain001(bundle(v, [payment(v, 'OK', { adviceText: 'Tilskud 100 €' })])),
    {
      proceeds: ['OK'],
      paymulAdvice: 'Tilskud 100 EUR',
    },
  ),
  accepted(
    'advice text with an emoji (refused by dispatch, the rest goes on)',
    (v) => writePain001(bundle(v, [payment(v, 'EMOJI', { adviceText: 'Tillykke 🎉' }), payment(v, 'OK')])),
    {
      proceeds: ['OK'],
      laterRejected: [
        {
          suffix: 'EMOJI',
          reasonCode: 'TEXT_NOT_LATIN1',
          reason: 'advice text: character "🎉" (U+1F389) is outside ISO 8859-1 (UNOC)',
        },
      ],
    },
  ),
  accepted(
    'injection-like text in every free field (stored and sent as text)',
    (v) =>
      writePain001(
        bundle(v, [
          payment(v, "'+(SELECT 1)+'", {
            creditorName: "Robert'); DROP TABLE payments;--",
            adviceText: '<script>alert(1)</script> ${7*7} {{7*7}}',
          }),
        ]),
      ),
    { proceeds: ["'+(SELECT 1)+'"], paymulAdvice: '<script>alert(1)</script> ${7*7} {{7*7}}' },
  ),
];
