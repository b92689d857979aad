import { PaymentsBankStatusV1, PaymentsCompletedV1, PaymentsDispatchedV1 } from '@nemkonto/contracts';
import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AnswerIssuer } from '../../answers/answer-issuer';
import { IntakeOutcomes1764000001100 } from '../../migrations/intake-outcomes.migration';
import { IntakeSchema1764000001000 } from '../../migrations/intake-schema.migration';
import { RecordOutcomesUseCase } from './record-outcomes.usecase';

jest.setTimeout(60_000);

// Reports about a payment reach intake in any order (a crashed consumer's deliveries come back
// behind later ones): the bank's answer must not be lost because intake has not yet heard that
// the payment was completed and dispatched.
describe('RecordOutcomesUseCase: reports out of order (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let useCase: RecordOutcomesUseCase;
  const bundleKey = randomUUID();
  const paymentId = randomUUID();
  const now = new Date('2026-03-02T10:00:00Z');

  const completed: PaymentsCompletedV1 = {
    bundleKey,
    authorityId: 'UDK',
    chunkIndex: 0,
    chunkCount: 1,
    debitAccount: { regNo: '0216', accountNo: '4069158738' },
    completed: [
      {
        paymentId,
        endToEndId: 'E2E-1',
        amountOre: 12_345,
        creditor: { kind: 'CPR', value: '0101651000' },
        creditorAccount: { kind: 'DK', regNo: '0040', accountNo: '0000001000' },
        benefitType: 'BOERNEYDELSE',
        requestedExecutionDate: '2026-03-02',
        adviceText: null,
        accountSource: 'NEMKONTO',
        creditorName: null,
      },
    ],
    notCompleted: [],
    held: [],
    release: false,
  };
  const dispatched: PaymentsDispatchedV1 = {
    bankId: 'DANSKE',
    interchangeRef: 'NK000000000001',
    executionDate: '2026-03-02',
    payments: [{ paymentId, authorityId: 'UDK', endToEndId: 'E2E-1', amountOre: 12_345 }],
  };
  const bankStatus: PaymentsBankStatusV1 = {
    bankId: 'DANSKE',
    interchangeRef: 'NK000000000001',
    statuses: [
      {
        paymentId,
        authorityId: 'UDK',
        endToEndId: 'E2E-1',
        status: 'ACCEPTED',
        reasonCode: null,
        reason: null,
      },
    ],
  };
  const state = async (): Promise<string> =>
    (
      (await ds.query('SELECT state FROM payments WHERE payment_id = $1', [paymentId])) as { state: string }[]
    )[0]?.state ?? '';
  const answerCodes = async (): Promise<number[]> =>
    ((await ds.query('SELECT code FROM answers ORDER BY code')) as { code: number }[]).map((r) => r.code);

  beforeAll(async () => {
    infra = await createIntegrationContext('outcomes');
    ds = await openMigratedDataSource(infra, [
      OutboxInbox1764000000000,
      IntakeSchema1764000001000,
      IntakeOutcomes1764000001100,
    ]);
    useCase = new RecordOutcomesUseCase(new AnswerIssuer(new Outbox('payment-intake')));
  });

  beforeEach(async () => {
    await ds.query('TRUNCATE answers, payment_events, payments, bundles, authorities, outbox CASCADE');
    await ds.query(`INSERT INTO authorities (authority_id, name, broker_user) VALUES ('UDK', 'UDK', 'udk')`);
    await ds.query(
      `INSERT INTO bundles (bundle_key, authority_id, msg_id, content_hash, status, payment_count, accepted_count, rejected_count, accepted_sum_ore)
       VALUES ($1, 'UDK', 'UDK-1', 'h', 'RECEIVED', 1, 1, 0, 12345)`,
      [bundleKey],
    );
    await ds.query(
      `INSERT INTO payments (payment_id, bundle_key, authority_id, end_to_end_id, bundle_index, amount_ore, creditor_kind,
                             creditor_id, benefit_type, requested_execution_date, debit_reg_no, debit_account_no)
       VALUES ($1, $2, 'UDK', 'E2E-1', 0, 12345, 'CPR', '0101651000', 'BOERNEYDELSE', '2026-03-02', '0216', '4069158738')`,
      [paymentId, bundleKey],
    );
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  const inTransaction = (fn: (m: DataSource['manager']) => Promise<void>): Promise<void> =>
    ds.transaction(fn);

  it('records the bank answer that came before completed and dispatched, and answers it once', async () => {
    await inTransaction((m) => useCase.bankStatus(m, bankStatus, 'status-1', now));
    await inTransaction((m) => useCase.completed(m, completed, 'completed-1', now));
    await inTransaction((m) => useCase.dispatched(m, dispatched));
    expect(await state()).toBe('BANK_ACCEPTED');
    expect(await answerCodes()).toEqual([8]);
  });

  it('records the bank answer that came after completed but before dispatched', async () => {
    await inTransaction((m) => useCase.completed(m, completed, 'completed-1', now));
    await inTransaction((m) => useCase.bankStatus(m, bankStatus, 'status-1', now));
    await inTransaction((m) => useCase.dispatched(m, dispatched));
    expect(await state()).toBe('BANK_ACCEPTED');
    expect(await answerCodes()).toEqual([8]);
  });

  it('answers a repeated bank answer only once', async () => {
    await inTransaction((m) => useCase.bankStatus(m, bankStatus, 'status-1', now));
    await inTransaction((m) => useCase.bankStatus(m, bankStatus, 'status-2', now));
    expect(await answerCodes()).toEqual([8]);
  });
});
