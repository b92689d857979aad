import { PaymentsReceivedV1 } from '@nemkonto/contracts';
import { randomUUID } from 'node:crypto';

type ReceivedPayment = PaymentsReceivedV1['payments'][number];

const BENEFITS = [
  ['BOERNEYDELSE', 'Børne- og ungeydelse 1. kvartal 2027'],
  ['BOLIGSTOETTE', 'Boligstøtte for januar 2027'],
  ['FOLKEPENSION', 'Folkepension januar 2027 inkl. ældrecheck'],
  ['SU', 'SU-stipendium januar 2027'],
  ['KONTANTHJAELP', 'Kontanthjælp januar 2027, Københavns Kommune'],
  ['OVERSKYDENDE_SKAT', 'Overskydende skat for indkomståret 2025'],
] as const;

// Deterministic, so every run moves the same shape of data (ids stay unique per run); also the
// chaos runs' seeded schedule (mulberry32: small and fast, not for anything secret).
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (rnd: () => number, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

function creditor(rnd: () => number): ReceivedPayment['creditor'] {
  const r = rnd();
  if (r < 0.9) {
    const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
    const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
    const year = String(Math.floor(rnd() * 100)).padStart(2, '0');
    return { kind: 'CPR', value: `${day}${month}${year}${digits(rnd, 4)}` };
  }
  return { kind: r < 0.97 ? 'CVR' : 'SE', value: `${1 + Math.floor(rnd() * 9)}${digits(rnd, 7)}` };
}

// One chunk of a bundle as payment-intake publishes it: mostly incomplete payments (CPR/CVR
// only), a fifth complete with an account supplied by the authority, Danish advice texts.
export function buildChunk(
  bundle: number,
  chunkIndex: number,
  chunkCount: number,
  size: number,
): PaymentsReceivedV1 {
  const rnd = prng(bundle * 7919 + chunkIndex);
  const [benefitType, adviceText] = BENEFITS[bundle % BENEFITS.length]!;
  const payments: ReceivedPayment[] = Array.from({ length: size }, (_, i) => ({
    paymentId: randomUUID(),
    endToEndId: `B${bundle}-${chunkIndex}-${i}`,
    amountOre: 50_000 + Math.floor(rnd() * 2_500_000),
    creditor: creditor(rnd),
    creditorAccount: rnd() < 0.2 ? { kind: 'DK', regNo: digits(rnd, 4), accountNo: digits(rnd, 10) } : null,
    benefitType,
    requestedExecutionDate: '2027-01-04',
    adviceText: rnd() < 0.95 ? adviceText : null,
  }));
  return {
    bundleKey: `bench-${bundle}`,
    authorityId: 'udbetaling-danmark',
    chunkIndex,
    chunkCount,
    debitAccount: { regNo: '0216', accountNo: '4069158738' },
    noAccountPolicy: { kind: 'REJECT' },
    payments,
  };
}

// `messages` chunks, in bundles of up to 100 chunks (100,000 payments), as on a payday.
export function buildChunks(messages: number, size: number): PaymentsReceivedV1[] {
  const perBundle = 100;
  return Array.from({ length: messages }, (_, m) => {
    const bundle = Math.floor(m / perBundle);
    const count = Math.min(perBundle, messages - bundle * perBundle);
    return buildChunk(bundle, m % perBundle, count, size);
  });
}
