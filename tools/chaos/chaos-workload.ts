// What a chaos run sends and what each payment should become. Bundles are built when they are
// sent (a 200,000-payment run would otherwise hold every document at once); what is kept per
// payment is only what reconciliation needs.
import { Cpr, positiveAmountFromDecimal } from '@nemkonto/domain';
import { AuthoritySimulator } from '../../apps/authority-simulator/src/authority-simulator';
import { cprOf } from '../../bench/e2e/workload';
import { ChaosAuthority } from './chaos-system';

// 2: refused at reception; 7: no NemKonto (policy REJECT); BANK: paid out, answered 8 or 9.
export type ExpectedFate = 2 | 7 | 'BANK';

export interface ExpectedPayment {
  readonly authorityId: string;
  readonly endToEndId: string;
  readonly amountOre: number;
  readonly fate: ExpectedFate;
}

export interface BundlePlan {
  readonly authority: ChaosAuthority;
  readonly msgId: string;
  readonly first: number;
  readonly payments: number;
}

export interface ChaosWorkload {
  readonly bundles: readonly BundlePlan[];
  // Register parties 0 … parties-1 have a NemKonto; recipients beyond are unknown (answer 7).
  readonly parties: number;
}

const UNKNOWN_RECIPIENT_EVERY = 97;

export function planWorkload(
  authorities: readonly ChaosAuthority[],
  payments: number,
  bundlesPerAuthority: number,
): ChaosWorkload {
  const bundleCount = authorities.length * bundlesPerAuthority;
  const perBundle = Math.ceil(payments / bundleCount);
  const bundles: BundlePlan[] = [];
  for (let b = 0, first = 0; first < payments; b++, first += perBundle) {
    const authority = authorities[b % authorities.length] as ChaosAuthority;
    bundles.push({
      authority,
      msgId: `${authority.id}-CHAOS-${String(Math.floor(b / authorities.length) + 1).padStart(4, '0')}`,
      first,
      payments: Math.min(perBundle, payments - first),
    });
  }
  return { bundles, parties: Math.max(1000, Math.min(payments, 200_000)) };
}

// The pain.001 of one bundle (1 % invalid on purpose, 10 % complete, about 1 % to recipients
// without NemKonto) and what each of its payments should become.
export function buildBundle(
  workload: ChaosWorkload,
  plan: BundlePlan,
  executionDate: string,
): { document: Buffer; expected: ExpectedPayment[] } {
  const simulator = new AuthoritySimulator({
    amqpUrl: 'amqp://unused',
    authorityId: plan.authority.id,
    authorityName: `Authority ${plan.authority.id}`,
    debitAccount: `${plan.authority.debitRegNo}${plan.authority.debitAccountNo}`,
  });
  const recipientIndex = (i: number): number => {
    const n = plan.first + i;
    return n % UNKNOWN_RECIPIENT_EVERY === 0 ? workload.parties + (n % 1000) : (n * 7919) % workload.parties;
  };
  const built = simulator.buildBundle({
    msgId: plan.msgId,
    payments: plan.payments,
    recipients: Array.from({ length: plan.payments }, (_, i) => ({
      scheme: 'CPR' as const,
      id: cprOf(recipientIndex(i)),
    })),
    errorShare: 0.01,
    completeShare: 0.1,
    requestedExecutionDate: executionDate,
  });
  const expected = built.transactions.map((t, i): ExpectedPayment => {
    const amountOre = validAmountOre(t.amount);
    const fate: ExpectedFate =
      amountOre === null || !validCpr(t.creditor.id)
        ? 2
        : !t.creditorAccount && recipientIndex(i) >= workload.parties
          ? 7
          : 'BANK';
    return { authorityId: plan.authority.id, endToEndId: t.endToEndId, amountOre: amountOre ?? 0, fate };
  });
  return { document: Buffer.from(built.document, 'utf8'), expected };
}

function validAmountOre(amount: string): number | null {
  try {
    return positiveAmountFromDecimal(amount);
  } catch {
    return null;
  }
}

function validCpr(id: string): boolean {
  try {
    Cpr.parse(id);
    return true;
  } catch {
    return false;
  }
}
