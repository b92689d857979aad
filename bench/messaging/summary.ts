import { BenchOptions } from './bench-options';
import { PathResult } from './path-result';

export interface BenchFigures {
  readonly platformPaymentsPerSec: number;
  readonly rawPaymentsPerSec: number;
  readonly ratio: number;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const seconds = (r: PathResult): number => (r.finishedAt - r.startedAt) / 1000;

export function figuresOf(options: BenchOptions, raw: PathResult, platform: PathResult): BenchFigures {
  const platformPaymentsPerSec = Math.round(options.payments / seconds(platform));
  const rawPaymentsPerSec = Math.round(options.payments / seconds(raw));
  return {
    platformPaymentsPerSec,
    rawPaymentsPerSec,
    ratio: Number((platformPaymentsPerSec / rawPaymentsPerSec).toFixed(3)),
  };
}

function cpuLines(options: BenchOptions, raw: PathResult, platform: PathResult): string[] {
  if (!raw.cpu || !platform.cpu) return [];
  const order = ['bench', 'postgres', 'rabbitmq', 'kernel threads', 'interrupts', 'other processes'];
  const rank = (name: string): number => order.findIndex((prefix) => name.startsWith(prefix));
  const names = [...new Set([...raw.cpu.seconds.keys(), ...platform.cpu.seconds.keys()])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const cell = (r: PathResult, name: string): string => {
    const s = r.cpu?.seconds.get(name) ?? 0;
    return `${fmt(s, 2).padStart(8)} s ${fmt((1000 * s) / options.messages, 2).padStart(7)} ms/msg`;
  };
  const busy = (r: PathResult): string =>
    `${fmt(r.cpu?.busyPercent ?? 0).padStart(11)}% / ${fmt(r.cpu?.iowaitPercent ?? 0)}%`.padEnd(28);
  return [
    '',
    `CPU time by process (${raw.cpu.cores} cores)`.padEnd(30) +
      'bare amqplib'.padStart(22) +
      'platform'.padStart(26),
    ...names.map((n) => `  ${n}`.padEnd(30) + `${cell(raw, n)}    ${cell(platform, n)}`),
    (`  machine busy / iowait`.padEnd(30) + busy(raw) + busy(platform)).trimEnd(),
    `  busiest other processes: bare amqplib ${raw.cpu.others.join(', ') || '-'}; ` +
      `platform ${platform.cpu.others.join(', ') || '-'}`,
  ];
}

// The human-readable part of stdout.
export function summaryLines(
  options: BenchOptions,
  bodyBytes: number,
  raw: PathResult,
  platform: PathResult,
): string[] {
  const figures = figuresOf(options, raw, platform);
  const row = (label: string, r: PathResult): string =>
    `${label.padEnd(28)}${fmt(seconds(r), 2).padStart(9)}${fmt(options.payments / seconds(r)).padStart(13)}` +
    `${fmt(options.messages / seconds(r), 1).padStart(12)}${fmt(bodyBytes / 1e6 / seconds(r), 1).padStart(9)}`;
  const at = (r: PathResult, t: number): string => `${fmt((t - r.startedAt) / 1000, 2)} s`;
  return [
    '',
    `messaging benchmark: ${fmt(options.payments)} payments in ${fmt(options.messages)} messages of ` +
      `${fmt(options.paymentsPerMessage)} (${fmt(bodyBytes / options.messages / 1024)} KiB each, ` +
      `${fmt(bodyBytes / 1e6)} MB in all)`,
    `prefetch ${options.prefetch}; platform: ${options.producers} producers × ${options.messagesPerTransaction} ` +
      `messages per transaction, relay batches of ${options.relayBatch}, ${options.relayConcurrency} in flight`,
    '',
    `${'path'.padEnd(28)}${'seconds'.padStart(9)}${'payments/s'.padStart(13)}${'messages/s'.padStart(12)}${'MB/s'.padStart(9)}`,
    row('bare amqplib (baseline)', raw),
    row('platform (outbox → inbox)', platform),
    `ratio platform / bare amqplib: ${figures.ratio}`,
    '',
    `bare amqplib: ${raw.milestones.map(([m, t]) => `${m} at ${at(raw, t)}`).join(', ')}, ` +
      `last ack at ${at(raw, raw.finishedAt)}`,
    `platform: ${platform.milestones.map(([m, t]) => `${m} at ${at(platform, t)}`).join(', ')}, ` +
      `last effect committed at ${at(platform, platform.finishedAt)}`,
    `checked: bare amqplib ${raw.verified}; platform ${platform.verified}`,
    ...cpuLines(options, raw, platform),
    '',
  ];
}
