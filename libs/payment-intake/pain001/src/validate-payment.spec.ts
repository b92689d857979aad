import { RawTransaction } from './pain001.model';
import { amountToMicro, checkControlTotals, checkPaymentInfo } from './check-bundle';
import { BundleRejectionCode, PaymentRejectionCode } from './payment-rejection';
import { validatePayment } from './validate-payment';

const raw = (overrides: Partial<RawTransaction> = {}): RawTransaction => ({
  index: 0,
  pmtInfId: 'PI-1',
  endToEndId: 'UDK-1',
  amount: '100.00',
  currency: 'DKK',
  creditorName: null,
  creditorIdScheme: 'CPR',
  creditorId: '2110625629',
  creditorAccountIban: null,
  creditorAccountOther: null,
  creditorAgentBic: null,
  benefitType: 'BOERNEYDELSE',
  adviceText: null,
  ...overrides,
});

describe('validatePayment (answer 2 reception check)', () => {
  it('accepts an incomplete payment (no account) and converts the amount to øre', () => {
    expect(validatePayment(raw({ amount: '1234.5' }))).toEqual({
      ok: true,
      payment: {
        index: 0,
        endToEndId: 'UDK-1',
        amountOre: 123450,
        creditor: { kind: 'CPR', value: '2110625629' },
        creditorAccount: null,
        benefitType: 'BOERNEYDELSE',
        adviceText: null,
      },
    });
  });

  it('accepts a CPR number without modulus 11', () => {
    expect(validatePayment(raw({ creditorId: '0101651234' })).ok).toBe(true);
  });

  it('reads complete payments with a Danish account, a DK IBAN or a foreign IBAN', () => {
    const dk = validatePayment(raw({ creditorAccountOther: '00400440116243' }));
    expect(dk.ok && dk.payment.creditorAccount).toEqual({
      kind: 'DK',
      regNo: '0040',
      accountNo: '0440116243',
    });
    const dkIban = validatePayment(raw({ creditorAccountIban: 'DK5000400440116243' }));
    expect(dkIban.ok && dkIban.payment.creditorAccount).toEqual({
      kind: 'DK',
      regNo: '0040',
      accountNo: '0440116243',
    });
    const foreign = validatePayment(
      raw({ creditorAccountIban: 'DE89370400440532013000', creditorAgentBic: 'COBADEFFXXX' }),
    );
    expect(foreign.ok && foreign.payment.creditorAccount).toMatchObject({
      kind: 'FOREIGN',
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      country: 'DE',
    });
  });

  it.each([
    [{ endToEndId: 'x'.repeat(36) }, PaymentRejectionCode.END_TO_END_ID_INVALID],
    [{ endToEndId: 'bad<id>' }, PaymentRejectionCode.END_TO_END_ID_INVALID],
    [{ currency: 'EUR' }, PaymentRejectionCode.CURRENCY_NOT_DKK],
    [{ amount: '0' }, PaymentRejectionCode.AMOUNT_NOT_POSITIVE],
    [{ amount: '0.00' }, PaymentRejectionCode.AMOUNT_NOT_POSITIVE],
    [{ amount: '-5.00' }, PaymentRejectionCode.AMOUNT_NOT_POSITIVE],
    [{ amount: '10.005' }, PaymentRejectionCode.AMOUNT_TOO_MANY_DECIMALS],
    [{ amount: 'ten' }, PaymentRejectionCode.AMOUNT_INVALID],
    [{ creditorIdScheme: 'SSN' }, PaymentRejectionCode.CREDITOR_SCHEME_UNKNOWN],
    [{ creditorId: '3213901234' }, PaymentRejectionCode.CREDITOR_ID_INVALID],
    [{ creditorIdScheme: 'CVR', creditorId: '13748137' }, PaymentRejectionCode.CREDITOR_ID_INVALID],
    [{ creditorIdScheme: 'SE', creditorId: '1234' }, PaymentRejectionCode.CREDITOR_ID_INVALID],
    [{ creditorIdScheme: 'P', creditorId: '123456789' }, PaymentRejectionCode.CREDITOR_ID_INVALID],
    [{ creditorAccountOther: '0040044011624' }, PaymentRejectionCode.CREDITOR_ACCOUNT_INVALID],
    [{ creditorAccountIban: 'DE89370400440532013001' }, PaymentRejectionCode.CREDITOR_ACCOUNT_INVALID],
    [
      { creditorAccountIban: 'DE89370400440532013000', creditorAgentBic: 'NOTABIC' },
      PaymentRejectionCode.CREDITOR_ACCOUNT_INVALID,
    ],
    [{ benefitType: 'børn' }, PaymentRejectionCode.BENEFIT_TYPE_INVALID],
    [{ adviceText: 'a'.repeat(141) }, PaymentRejectionCode.ADVICE_TEXT_INVALID],
  ])('rejects %j with %s and a reason', (overrides, code) => {
    const result = validatePayment(raw(overrides));
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.code).toBe(code);
    expect(result.ok ? '' : result.reason.length).toBeGreaterThan(10);
  });

  it('never puts the CPR number in a rejection reason', () => {
    const result = validatePayment(raw({ creditorId: '3213901234' }));
    expect(result.ok ? '' : result.reason).not.toContain('3213901234');
  });
});

describe('bundle checks (answer 1)', () => {
  const header = {
    msgId: 'M',
    createdAt: '2026-01-01T00:00:00Z',
    declaredCount: '2',
    declaredControlSum: '10.005',
    initiatingPartyId: 'UDK',
  };

  it('sums amounts exactly, including ones rejected one by one', () => {
    const sum = (amountToMicro('10') ?? 0n) + (amountToMicro('0.005') ?? 0n);
    expect(checkControlTotals(header, 2, sum)).toBeNull();
  });

  it('rejects a wrong count or control sum with both figures in the reason', () => {
    expect(checkControlTotals(header, 3, 0n)).toEqual({
      code: BundleRejectionCode.COUNT_MISMATCH,
      reason: 'NbOfTxs says 2, the bundle holds 3 payments',
    });
    expect(checkControlTotals(header, 2, amountToMicro('10.00') ?? 0n)).toEqual({
      code: BundleRejectionCode.CONTROL_SUM_MISMATCH,
      reason: 'CtrlSum says 10.005, the payments add up to 10.00',
    });
    expect(checkControlTotals({ ...header, declaredControlSum: 'lots' }, 2, 0n)?.code).toBe(
      BundleRejectionCode.CONTROL_SUM_MISMATCH,
    );
  });

  it('requires a 4+10-digit debit account and a real execution date', () => {
    const info = {
      pmtInfId: 'PI',
      paymentMethod: 'TRF',
      requestedExecutionDate: '2026-01-20',
      debtorName: 'UDK',
      debitAccountOther: '12340001234567',
      debitAccountIban: null,
    };
    expect(checkPaymentInfo(info)).toEqual({
      ok: true,
      info: {
        pmtInfId: 'PI',
        requestedExecutionDate: '2026-01-20',
        debtorName: 'UDK',
        debitRegNo: '1234',
        debitAccountNo: '0001234567',
      },
    });
    expect(checkPaymentInfo({ ...info, debitAccountOther: '1234567' })).toMatchObject({
      ok: false,
      code: BundleRejectionCode.DEBIT_ACCOUNT_INVALID,
    });
    expect(checkPaymentInfo({ ...info, requestedExecutionDate: '2026-02-30' })).toMatchObject({
      ok: false,
      code: BundleRejectionCode.EXECUTION_DATE_INVALID,
    });
  });
});
