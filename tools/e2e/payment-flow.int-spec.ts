// The whole payment flow across real service processes (intake, enrichment, dispatch), with the
// test as the authority's payment system and a simulated bank on the broker: a bundle in over
// AMQP as the authority's own user; completion from the register projection; PAYMUL out to the
// bank's queue (read by the published npm EDIFACT parser); CONTRL and BANSTA back; every payment's
// answer (2, 7, 8, 9, and 5 for a stop) on the authority's queue, each pain.002 valid against the
// XSD; reconciliation balanced; where-is-my-payment shows the history across the services.
import {
  IntegrationContext,
  createIntegrationContext,
  expectEventually,
  parseWithPublishedEdifactParser,
} from '@nemkonto/testing';
import { connect } from 'amqplib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { AuthoritySimulator } from '../../apps/authority-simulator/src/authority-simulator';
import { BankSimulator } from '../../apps/bank-simulator/src/bank-simulator';
import { FLOW_AUTHORITY, FLOW_BANK, FlowSystem } from './flow-system';

jest.setTimeout(180_000);

const root = join(__dirname, '..', '..');
const TOKEN = FLOW_AUTHORITY.token;
const pain002Xsd = readFileSync(
  join(root, 'libs/payment-intake/pain002/schema/nemkonto-pain.002.001.10.xsd'),
  'utf8',
);
// Valid dates of birth (1 January 1965) with different sequence numbers.
const REGISTER = Array.from({ length: 40 }, (_, i) => `010165${String(1000 + i * 7).slice(-4)}`);
const WITHOUT_NEMKONTO = REGISTER.slice(-5);
const NAMED = REGISTER.slice(0, 10);

describe('payment flow: authority → intake → enrichment → dispatch → bank → answers (real processes)', () => {
  let infra: IntegrationContext;
  let flow: FlowSystem;
  let authority: AuthoritySimulator;
  let bank: BankSimulator;
  const paymuls: string[] = [];
  let closeTap: () => Promise<void> = async () => undefined;

  const get = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`http://127.0.0.1:${flow.ports['payment-intake']}${path}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json()) as T;

  beforeAll(async () => {
    infra = await createIntegrationContext('flow');
    flow = new FlowSystem(infra);
    await flow.prepare();
    await flow.start();
    // The register sample: every recipient but the last five has a NemKonto.
    await flow.publishRegister(
      REGISTER.filter((c) => !WITHOUT_NEMKONTO.includes(c)).map((cpr, i) => ({
        party: { kind: 'CPR' as const, value: cpr },
        nemkonto: { kind: 'DK' as const, regNo: '0040', accountNo: String(1000 + i).padStart(10, '0') },
      })),
    );

    // Names from the CPR register (as cpr-cvr-sync publishes them) for the first recipients; the
    // third is protected (no name published), the rest are not in the name projection.
    await flow.publishNames(
      NAMED.map((cpr, i) => ({
        sequenceNo: i + 1,
        cpr,
        previousCpr: null,
        status: 'ACTIVE' as const,
        statusDate: null,
        name: i === 2 ? null : `Søren Ærø Højgaard ${i}`,
        protected: i === 2,
      })),
    );

    // A copy of every interchange sent to the bank, for the published parser.
    const conn = await connect(infra.amqpUrl);
    const tapCh = await conn.createChannel();
    const q = await tapCh.assertQueue('', { exclusive: true });
    await tapCh.bindQueue(q.queue, 'nemkonto.bank-orders', FLOW_BANK.id);
    await tapCh.consume(q.queue, (m) => m && paymuls.push(m.content.toString('latin1')), { noAck: true });
    closeTap = () => conn.close();

    authority = new AuthoritySimulator({
      amqpUrl: infra.amqpUrl,
      authorityId: FLOW_AUTHORITY.id,
      authorityName: FLOW_AUTHORITY.name,
      debitAccount: `${FLOW_AUTHORITY.debitRegNo}${FLOW_AUTHORITY.debitAccountNo}`,
    });
    await authority.start();
    bank = new BankSimulator({
      amqpUrl: infra.amqpUrl,
      bankId: FLOW_BANK.id,
      edifactId: FLOW_BANK.edifactId,
      rejectShare: 0.1,
      rejectCode: 'ACCOUNT_CLOSED',
    });
    await bank.start();
  });

  afterAll(async () => {
    await authority?.stop();
    await bank?.stop();
    await closeTap();
    await flow?.dispose();
    await infra?.dispose();
  });

  it('answers every payment exactly once with its fate, and the bundle reconciles', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { document, transactions, invalid } = authority.buildBundle({
      msgId: 'UDK-FLOW-0001',
      payments: 300,
      recipients: REGISTER.map((id) => ({ scheme: 'CPR' as const, id })),
      errorShare: 0.05,
      completeShare: 0.1,
      requestedExecutionDate: today,
    });
    await authority.sendBundle('UDK-FLOW-0001', document);
    const ids = transactions.map((t) => t.endToEndId);
    const done = await authority.waitForFinalAnswers(ids, 90_000);
    if (!done) {
      const dbg = await flow.db('payment-intake');
      console.log(
        JSON.stringify(authority.summary()),
        JSON.stringify(await dbg.query('SELECT state, count(*) FROM payments GROUP BY 1')),
        JSON.stringify(
          await dbg.query(
            `SELECT message_type, last_error, count(*) FROM ${infra.schema}_dispatch.outbox WHERE sent_at IS NULL GROUP BY 1,2`,
          ),
        ),
        JSON.stringify(
          await dbg.query(
            `SELECT state, reason, count(*) FROM ${infra.schema}_dispatch.dispatch_payments GROUP BY 1,2`,
          ),
        ),
        JSON.stringify(await dbg.query(`SELECT outcome, detail FROM ${infra.schema}_dispatch.bank_answers`)),
        JSON.stringify(bank.stats),
      );
    }
    expect(done).toBe(true);

    // Exactly one final answer per payment.
    for (const id of ids) {
      const finals = (authority.byPayment.get(id) ?? []).filter((c) => [2, 5, 7, 8, 9].includes(c));
      expect(finals).toHaveLength(1);
    }
    const count = (code: number): number =>
      ids.filter((id) => authority.byPayment.get(id)?.includes(code)).length;
    expect(count(2)).toBe(invalid);
    expect(invalid).toBeGreaterThan(0);
    const payable = transactions.filter((t) => !(authority.byPayment.get(t.endToEndId) ?? []).includes(2));
    const noAccount = payable.filter((t) => WITHOUT_NEMKONTO.includes(t.creditor.id) && !t.creditorAccount);
    expect(count(7)).toBe(noAccount.length);
    expect(noAccount.length).toBeGreaterThan(0);
    expect(count(8) + count(9)).toBe(300 - invalid - noAccount.length);
    expect(count(9)).toBe(bank.stats.rejected);
    expect(count(9)).toBeGreaterThan(0);
    expect(authority.answers.filter((a) => a.code === 1)).toHaveLength(1);

    // Every interchange read by the published parser: segment counts, and the credits the bank saw.
    expect(paymuls.length).toBeGreaterThan(0);
    let credits = 0;
    for (const text of paymuls) {
      const segs = parseWithPublishedEdifactParser(text);
      expect(segs[0]?.name).toBe('UNB');
      expect(segs.at(-1)?.name).toBe('UNZ');
      const unh = segs.findIndex((s) => s.name === 'UNH');
      const unt = segs.findIndex((s) => s.name === 'UNT');
      expect(Number(segs[unt]?.elements[0]?.[0])).toBe(unt - unh + 1);
      credits += segs.filter((s) => s.name === 'SEQ').length;
    }
    expect(credits).toBe(bank.stats.payments);
    // The beneficiary's CPR name on the payment order (NAD+BE); a protected or unknown one gets the
    // neutral placeholder, never an invented name.
    const beneficiaries = paymuls.flatMap((text) =>
      parseWithPublishedEdifactParser(text)
        .filter((s) => s.name === 'NAD' && s.elements[0]?.[0] === 'BE')
        .map((s) => s.elements[3]?.[0] ?? ''),
    );
    expect(beneficiaries.filter((n) => n.startsWith('Søren Ærø Højgaard')).length).toBeGreaterThan(0);
    expect(beneficiaries).toContain('NemKonto recipient');
    expect(new Set(beneficiaries.filter((n) => n.startsWith('Søren')))).not.toContain('Søren Ærø Højgaard 2');
    expect(credits).toBe(count(8) + count(9));
    expect(bank.stats.invalid).toBe(0);

    const recon = await get<{
      balanced: boolean;
      open: { count: number };
      byState: Record<string, { count: number; sumOre: number }>;
      accepted: { count: number; sumOre: number };
    }>('/bundles/UDK-FLOW-0001/reconciliation');
    expect(recon.balanced).toBe(true);
    expect(recon.open.count).toBe(0);
    expect(recon.byState['BANK_ACCEPTED']?.count).toBe(count(8));
    expect(recon.accepted.count).toBe(300 - invalid);
    expect(recon.byState['BANK_ACCEPTED']!.sumOre + recon.byState['BANK_REJECTED']!.sumOre).toBe(
      bank.stats.totalOre,
    );

    const rejectedId = ids.find((id) => authority.byPayment.get(id)?.includes(9)) ?? '';
    const where = await get<{ state: string; history: { service: string; state: string }[] }>(
      `/payments/${rejectedId}`,
    );
    expect(where.state).toBe('BANK_REJECTED');
    expect(where.history.map((h) => [h.service, h.state])).toEqual([
      ['payment-intake', 'RECEIVED'],
      ['account-enrichment', 'COMPLETED'],
      ['bank-dispatch', 'DISPATCHED'],
      ['bank-dispatch', 'BANK_REJECTED'],
    ]);
    expect(
      (await fetch(`http://127.0.0.1:${flow.ports['payment-intake']}/payments/${rejectedId}`)).status,
    ).toBe(401);
  });

  it('stops a payment not yet sent (answer 5) and refuses to stop one already executed', async () => {
    const future = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const { document, transactions } = authority.buildBundle({
      msgId: 'UDK-FLOW-0002',
      payments: 2,
      recipients: [{ scheme: 'CPR', id: REGISTER[0] ?? '' }],
      errorShare: 0,
      completeShare: 0,
      requestedExecutionDate: future,
    });
    await authority.sendBundle('UDK-FLOW-0002', document);
    const waiting = transactions[0]?.endToEndId ?? '';
    // Completed and scheduled, but 60 days ahead: not due for the bank yet.
    await expectEventually(async () =>
      expect((await get<{ state: string }>(`/payments/${waiting}`)).state).toBe('COMPLETED'),
    );
    const executed = [...authority.byPayment].find(([, codes]) => codes.includes(8))?.[0] ?? '';
    await authority.sendStop('UDK-STOP-0001', 'UDK-FLOW-0002', [waiting, executed]);
    await expectEventually(async () => {
      expect(authority.byPayment.get(waiting)).toContain(5);
      expect(authority.byPayment.get(executed)?.filter((c) => c === 5)).toHaveLength(1);
    });
    const stopAnswers = authority.answers.filter((a) => a.code === 5);
    expect(stopAnswers.flatMap((a) => a.transactions.map((t) => [t.endToEndId, t.status]))).toEqual(
      expect.arrayContaining([
        [waiting, 'CANC'],
        [executed, 'RJCT'],
      ]),
    );
    expect((await get<{ state: string }>(`/payments/${waiting}`)).state).toBe('STOPPED');
  });

  it('writes every answer as a pain.002 valid against the profile XSD', async () => {
    const ds = await flow.db('payment-intake');
    const docs = (await ds.query('SELECT document FROM answers')) as { document: string }[];
    expect(docs.length).toBeGreaterThan(3);
    for (const { document } of docs) {
      const result = await validateXML({
        xml: [{ fileName: 'answer.xml', contents: document }],
        schema: [{ fileName: 'nemkonto-pain.002.001.10.xsd', contents: pain002Xsd }],
      });
      expect(result.errors.map((e) => e.message)).toEqual([]);
    }
  });
});
