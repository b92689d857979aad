// The system's main job, end to end, on a register sample: the authority simulator sends a bundle
// over RabbitMQ as its own broker user; the services complete, dispatch and report; the bank
// simulator reads the PAYMUL and answers CONTRL and BANSTA; then the outcome per answer code and
// the bundle's reconciliation are printed.
import { serviceConfigSchema } from '@nemkonto/platform-service-kit';
import { Client } from 'pg';
import { AuthoritySimulator } from '../../apps/authority-simulator/src/authority-simulator';
import { BankSimulator } from '../../apps/bank-simulator/src/bank-simulator';
import { serviceDefinition as enrichmentDefinition } from '../../apps/account-enrichment/src/service.definition';
import { DEMO } from './seed-demo';

const ANSWER_NAMES: Record<string, string> = {
  '1': 'bundle received',
  '2': 'rejected at reception',
  '5': 'stopped',
  '7': 'no account',
  '8': 'accepted by the bank',
  '9': 'rejected by the bank',
};

const amqpHost = process.env['NK_AMQP_HOST'] ?? '127.0.0.1';
const amqpUrl = (user: string): string => `amqp://${user}:${user}@${amqpHost}:5672/nemkonto`;

// A register sample: CPR numbers with valid dates; every 12th has no NemKonto.
function registerSample(size: number): { cpr: string; accountNo: string | null }[] {
  return Array.from({ length: size }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const cpr = `${day}${month}${String(60 + (i % 40)).padStart(2, '0')}${String(1000 + i).slice(-4)}`;
    return { cpr, accountNo: i % 12 === 11 ? null : String(5_000_000 + i).padStart(10, '0') };
  });
}

export async function runDemo(payments: number, intakePort: number, registryPort: number): Promise<boolean> {
  const register = registerSample(500);
  // The bank reports its customers' NemKonti through the registry's bank channel, which
  // publishes each change to enrichment's projection.
  const withAccount = register.filter((r) => r.accountNo !== null);
  const res = await fetch(`http://127.0.0.1:${registryPort}/bank/nemkonti/bulk`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO.bankRegistryToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      items: withAccount.map((r) => ({
        party: { kind: 'CPR', value: r.cpr },
        account: { kind: 'DK', regNo: '0040', accountNo: r.accountNo },
      })),
    }),
  });
  const bulk = (await res.json()) as { results?: { ok: boolean }[] };
  const registered = bulk.results?.filter((r) => r.ok).length ?? 0;
  if (registered !== withAccount.length)
    throw new Error(`the registry took ${registered} of ${withAccount.length} NemKonti (HTTP ${res.status})`);
  // The projection is fed asynchronously: wait until enrichment's projection holds them all.
  const config = serviceConfigSchema(enrichmentDefinition).parse(process.env);
  const projection = new Client({ connectionString: config.NK_DB_URL });
  await projection.connect();
  try {
    for (let i = 0; ; i++) {
      const { rows } = await projection.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${config.NK_DB_SCHEMA}.party_accounts WHERE party_id = ANY($1::text[])`,
        [withAccount.map((r) => r.cpr)],
      );
      if ((rows[0]?.n ?? 0) >= withAccount.length) break;
      if (i > 600) throw new Error('enrichment did not take the register sample within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await projection.end();
  }
  console.log(
    `register sample: ${register.length} persons, ${register.filter((r) => r.accountNo).length} with a NemKonto`,
  );

  const bank = new BankSimulator({
    amqpUrl: amqpUrl(DEMO.bankUser),
    bankId: DEMO.bankId,
    edifactId: DEMO.bankEdifactId,
    rejectShare: 0.02,
    rejectCode: 'ACCOUNT_CLOSED',
  });
  const authority = new AuthoritySimulator({
    amqpUrl: amqpUrl(DEMO.authorityUser),
    authorityId: DEMO.authorityId,
    authorityName: DEMO.authorityName,
    debitAccount: `${DEMO.debitAccount.regNo}${DEMO.debitAccount.accountNo}`,
  });
  await bank.start();
  await authority.start();
  try {
    const msgId = `UDK-DEMO-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
    const today = new Date().toISOString().slice(0, 10);
    const bundle = authority.buildBundle({
      msgId,
      payments,
      recipients: register.map((r) => ({ scheme: 'CPR' as const, id: r.cpr })),
      errorShare: 0.03,
      completeShare: 0.1,
      requestedExecutionDate: today,
    });
    console.log(
      `authority ${DEMO.authorityId} sends bundle ${msgId}: ${payments} payments (${bundle.invalid} invalid on purpose)`,
    );
    const started = Date.now();
    await authority.sendBundle(msgId, bundle.document);
    const ids = bundle.transactions.map((t) => t.endToEndId);
    let last = -1;
    const done = await authority.waitForFinalAnswers(ids, 120_000, (n) => {
      const pct = Math.floor((n / ids.length) * 20);
      if (pct !== last) {
        last = pct;
        process.stdout.write(`\r  answered [${'#'.repeat(pct).padEnd(20)}] ${n}/${ids.length}`);
      }
    });
    process.stdout.write(
      `\n  ${done ? 'every payment answered' : 'NOT every payment was answered'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`,
    );

    console.log('answer  meaning                  payments');
    const perCode = new Map<number, number>();
    for (const id of ids)
      for (const c of new Set(authority.byPayment.get(id) ?? [])) perCode.set(c, (perCode.get(c) ?? 0) + 1);
    console.log(
      `1       ${ANSWER_NAMES['1']?.padEnd(24)} ${authority.answers.filter((a) => a.code === 1).length} bundle`,
    );
    for (const code of [2, 5, 7, 8, 9]) {
      console.log(
        `${String(code).padEnd(7)} ${ANSWER_NAMES[String(code)]?.padEnd(24)} ${perCode.get(code) ?? 0}`,
      );
    }
    console.log(
      `bank ${DEMO.bankId}: ${bank.stats.interchanges} PAYMUL interchange(s), ${bank.stats.payments} payments, ${(bank.stats.totalOre / 100).toFixed(2)} DKK`,
    );

    const res = await fetch(`http://127.0.0.1:${intakePort}/bundles/${msgId}/reconciliation`, {
      headers: { authorization: `Bearer ${DEMO.authorityToken}` },
    });
    const recon = (await res.json()) as {
      balanced: boolean;
      paymentsInBundle: number;
      rejectedAtReception: number;
      accepted: { count: number; sumOre: number };
      completed: { count: number; sumOre: number };
      rejected: { count: number; sumOre: number };
      dispatched: { count: number; sumOre: number };
      returned: { count: number; sumOre: number };
    };
    const kr = (ore: number): string => (ore / 100).toFixed(2).padStart(14);
    console.log(`\nreconciliation of ${msgId}`);
    console.log(
      `  in the bundle            ${String(recon.paymentsInBundle).padStart(7)}   (rejected at reception ${recon.rejectedAtReception})`,
    );
    console.log(
      `  received (accepted)      ${String(recon.accepted.count).padStart(7)} ${kr(recon.accepted.sumOre)} DKK`,
    );
    console.log(
      `  = completed              ${String(recon.completed.count).padStart(7)} ${kr(recon.completed.sumOre)}`,
    );
    console.log(
      `  + rejected (7, 5)        ${String(recon.rejected.count).padStart(7)} ${kr(recon.rejected.sumOre)}`,
    );
    console.log(
      `  = dispatched to the bank ${String(recon.dispatched.count).padStart(7)} ${kr(recon.dispatched.sumOre)}`,
    );
    console.log(
      `  + returned (7, 5)        ${String(recon.returned.count).padStart(7)} ${kr(recon.returned.sumOre)}`,
    );
    console.log(`  balanced: ${recon.balanced ? 'yes' : 'NO'}`);
    return done && recon.balanced;
  } finally {
    await authority.stop();
    await bank.stop();
  }
}
