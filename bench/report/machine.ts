import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly postgres: string;
  readonly rabbitmq: string;
  readonly loadAverageAtStart: readonly number[];
}

const quietly = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    }).trim();
  } catch {
    return 'unknown';
  }
};

// What the figures were measured on: they mean little without it.
export function machineInfo(): MachineInfo {
  const rabbit = quietly('rabbitmqctl', ['version']);
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    postgres: quietly('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', 'SHOW server_version']),
    rabbitmq: rabbit.split('\n').at(-1) ?? rabbit,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
