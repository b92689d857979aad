import { PaymentsReceivedV1 } from '@nemkonto/contracts';
import { Pain001Input, aBundle, aTransaction, writePain001 } from '@nemkonto/payment-intake-pain001';
import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import { IntakeOutcomes1764000001100 } from '../../migrations/intake-outcomes.migration';
import { IntakeSchema1764000001000 } from '../../migrations/intake-schema.migration';
import { ReceiveBundleCommand } from './receive-bundle.command';
import { ReceiveBundleUseCase } from './receive-bundle.usecase';

jest.setTimeout(60_000);

async function* stream(text: string, size = 8192): AsyncIterable<Uint8Array> {
  const buf = Buffer.from(text, 'utf8');
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('ReceiveBundleUseCase (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let useCase: ReceiveBundleUseCase;

  const receive = (doc: string | Pain001Input, authority = 'UDK') =>
    useCase.execute(
      new ReceiveBundleCommand(authority, stream(typeof doc === 'string' ? doc : writePain001(doc))),
    );
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number(((await ds.query(sql, params)) as { n: string }[])[0]?.n ?? 0);
  const outboxChunks = async (): Promise<PaymentsReceivedV1[]> =>
    (
      (await ds.query(
        `SELECT body FROM outbox WHERE message_type = 'payments.received' ORDER BY created_at`,
      )) as { body: string }[]
    ).map((r) => (JSON.parse(r.body) as { payload: PaymentsReceivedV1 }).payload);

  beforeAll(async () => {
    infra = await createIntegrationContext('intake');
    ds = await openMigratedDataSource(infra, [
      OutboxInbox1764000000000,
      IntakeSchema1764000001000,
      IntakeOutcomes1764000001100,
    ]);
    useCase = new ReceiveBundleUseCase(ds, new Outbox('payment-intake'));
  });

  beforeEach(async () => {
    await ds.query(
      'TRUNCATE payment_rejections, payments, bundles, authority_debit_accounts, authorities, outbox CASCADE',
    );
    await ds.query(
      `INSERT INTO authorities (authority_id, name, broker_user) VALUES ('UDK', 'Udbetaling Danmark', 'udk'), ('SKAT', 'Skattestyrelsen', 'skat')`,
    );
    await ds.query(
      `INSERT INTO authority_debit_accounts VALUES ('UDK', '1234', '0001234567', 'bank-a'), ('UDK', '5678', '0007654321', 'bank-b')`,
    );
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  const big = (): Pain001Input =>
    aBundle([], {
      msgId: 'UDK-BIG-1',
      paymentInfos: [
        {
          pmtInfId: 'PI-A',
          requestedExecutionDate: '2026-01-20',
          debitAccount: '12340001234567',
          transactions: Array.from({ length: 1500 }, (_, i) =>
            aTransaction({
              endToEndId: `A-${i}`,
              amount: i === 7 ? '10.005' : `${100 + i}.25`,
              creditor: i === 9 ? { scheme: 'CPR', id: '3213901234' } : { scheme: 'CPR', id: '2110625629' },
            }),
          ),
        },
        {
          pmtInfId: 'PI-B',
          requestedExecutionDate: '2026-01-21',
          debitAccount: '56780007654321',
          transactions: Array.from({ length: 1000 }, (_, i) =>
            aTransaction({ endToEndId: i === 3 ? 'A-0' : `B-${i}`, amount: '50.00' }),
          ),
        },
      ],
    });

  it('stores accepted payments, rejects bad ones with reasons, and writes chunks of at most 1,000 per debit account', async () => {
    const result = await receive(big());
    expect(result).toMatchObject({
      answer: 1,
      status: 'RECEIVED',
      paymentCount: 2500,
      acceptedCount: 2497,
      resend: false,
    });
    if (result.answer !== 1 || result.status !== 'RECEIVED') throw new Error('unexpected');
    expect(result.rejected.map((r) => [r.index, r.endToEndId, r.code])).toEqual([
      [7, 'A-7', 'AMOUNT_TOO_MANY_DECIMALS'],
      [9, 'A-9', 'CREDITOR_ID_INVALID'],
      [1503, 'A-0', 'END_TO_END_ID_DUPLICATE'],
    ]);
    expect(await count('SELECT count(*) n FROM payments')).toBe(2497);
    const chunks = await outboxChunks();
    expect(chunks.map((c) => [c.chunkIndex, c.chunkCount, c.debitAccount.regNo, c.payments.length])).toEqual([
      [0, 3, '1234', 1000],
      [1, 3, '1234', 498],
      [2, 3, '5678', 999],
    ]);
    const chunkSum = chunks.flatMap((c) => c.payments).reduce((s, p) => s + p.amountOre, 0);
    expect(chunkSum).toBe(result.acceptedSumOre);
    expect(await count(`SELECT sum(amount_ore) n FROM payments`)).toBe(result.acceptedSumOre);
    expect(chunks[0]?.payments[0]).toMatchObject({
      endToEndId: 'A-0',
      amountOre: 10025,
      creditor: { kind: 'CPR', value: '2110625629' },
      requestedExecutionDate: '2026-01-20',
    });
  });

  it('answers an identical resend with the same answer and changes nothing', async () => {
    const first = await receive(big());
    const again = await receive(big());
    expect(again).toEqual({ ...first, resend: true });
    expect(await count('SELECT count(*) n FROM payments')).toBe(2497);
    expect(await count('SELECT count(*) n FROM outbox')).toBe(3);
  });

  it('refuses the same bundle id with other content and keeps the original', async () => {
    await receive(aBundle([aTransaction()]));
    const other = await receive(aBundle([aTransaction({ amount: '999.00' })]));
    expect(other).toMatchObject({ answer: 1, status: 'REJECTED', code: 'BUNDLE_ID_REUSED' });
    expect(await count('SELECT sum(amount_ore) n FROM payments')).toBe(123450);
  });

  it.each([
    [
      'a wrong NbOfTxs',
      aBundle([aTransaction()], { declaredCount: '2' }),
      'COUNT_MISMATCH',
      /NbOfTxs says 2, the bundle holds 1 payments/,
    ],
    [
      'a wrong CtrlSum',
      aBundle([aTransaction()], { declaredControlSum: '1.00' }),
      'CONTROL_SUM_MISMATCH',
      /CtrlSum says 1.00, the payments add up to 1234.50/,
    ],
    [
      'an unregistered debit account',
      aBundle([], {
        paymentInfos: [
          {
            pmtInfId: 'X',
            requestedExecutionDate: '2026-01-20',
            debitAccount: '99990000000001',
            transactions: [aTransaction()],
          },
        ],
      }),
      'UNKNOWN_DEBIT_ACCOUNT',
      /debit account 9999 0000000001 is not registered for UDK/,
    ],
    [
      'a malformed debit account',
      aBundle([], {
        paymentInfos: [
          {
            pmtInfId: 'X',
            requestedExecutionDate: '2026-01-20',
            debitAccount: '1234',
            transactions: [aTransaction()],
          },
        ],
      }),
      'DEBIT_ACCOUNT_INVALID',
      /4-digit reg.nr and a 10-digit account/,
    ],
    [
      'another authority in InitgPty',
      aBundle([aTransaction()], { authorityId: 'SKAT' }),
      'UNKNOWN_AUTHORITY',
      /names authority SKAT, but was sent by UDK/,
    ],
  ])('rejects a bundle with %s as a whole, storing no payment', async (_label, bundle, code, reason) => {
    const result = await receive(bundle);
    expect(result).toMatchObject({ answer: 1, status: 'REJECTED', code });
    expect(result.answer === 1 && result.status === 'REJECTED' ? result.reason : '').toMatch(reason);
    expect(await count('SELECT count(*) n FROM payments')).toBe(0);
    expect(await count('SELECT count(*) n FROM outbox')).toBe(0);
    // A resend of the same rejected document gets the same answer.
    expect(await receive(bundle)).toEqual(result);
  });

  it('refuses a sender without an agreement', async () => {
    const result = await receive(aBundle([aTransaction()], { authorityId: 'NOBODY' }), 'NOBODY');
    expect(result).toMatchObject({
      answer: 1,
      status: 'REJECTED',
      code: 'UNKNOWN_AUTHORITY',
      reason: 'authority NOBODY has no agreement',
    });
  });

  it('rejects a payment whose EndToEndId the authority used in an earlier bundle', async () => {
    await receive(aBundle([aTransaction({ endToEndId: 'SAME' })], { msgId: 'M1' }));
    const second = await receive(
      aBundle([aTransaction({ endToEndId: 'SAME' }), aTransaction({ endToEndId: 'NEW' })], { msgId: 'M2' }),
    );
    expect(second).toMatchObject({
      status: 'RECEIVED',
      acceptedCount: 1,
      rejected: [{ endToEndId: 'SAME', code: 'END_TO_END_ID_DUPLICATE' }],
    });
  });

  it('answers 0 for unreadable XML and stores nothing', async () => {
    const result = await receive('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>');
    expect(result).toEqual({
      answer: 0,
      code: 'DOCTYPE_NOT_ALLOWED',
      reason: 'a DOCTYPE or markup declaration is not allowed',
      documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await count('SELECT count(*) n FROM bundles')).toBe(0);
  });
});
