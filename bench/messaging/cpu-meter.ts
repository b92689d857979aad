import { readFileSync, readdirSync } from 'node:fs';

// CPU seconds per component over a phase, from /proc (Linux): which processes the cores were
// spent in. Processes that exit during a phase are missed (the pools stay open, so the hot
// postgres backends are counted); on other systems the meter reports nothing.
const TICKS_PER_SECOND = 100;

interface ProcessTicks {
  readonly component: string;
  readonly comm: string;
  readonly ticks: number;
}

export interface CpuSnapshot {
  readonly at: number;
  readonly processes: ReadonlyMap<number, ProcessTicks>;
  readonly busy: number;
  readonly iowait: number;
  readonly total: number;
}

export interface CpuReport {
  readonly wallSeconds: number;
  readonly cores: number;
  // CPU seconds per component: the benchmark's processes, postgres, rabbitmq, kernel threads
  // (disk writeback, memory management), interrupts (busy time in no process: interrupt
  // handling, network softirqs) and other processes (anything else running on the machine: a
  // large figure there means the run was disturbed).
  readonly seconds: ReadonlyMap<string, number>;
  // The busiest other processes, to tell what disturbed a run.
  readonly others: readonly string[];
  readonly busyPercent: number;
  readonly iowaitPercent: number;
}

function readProcess(pid: number, named: ReadonlyMap<number, string>): ProcessTicks | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Kernel threads are children of kthreadd (pid 2).
    const kernel = pid === 2 || fields[1] === '2';
    const component =
      named.get(pid) ??
      (comm === 'postgres'
        ? 'postgres'
        : comm === 'beam.smp'
          ? 'rabbitmq'
          : kernel
            ? 'kernel threads'
            : 'other processes');
    return { component, comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

export class CpuMeter {
  constructor(private readonly namedPids: () => ReadonlyMap<number, string>) {}

  snapshot(): CpuSnapshot | undefined {
    let pids: number[];
    try {
      pids = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .map(Number);
    } catch {
      return undefined;
    }
    const named = this.namedPids();
    const processes = new Map<number, ProcessTicks>();
    for (const pid of pids) {
      const proc = readProcess(pid, named);
      if (proc) processes.set(pid, proc);
    }
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    const busy = user + nice + system + irq + softirq + steal;
    return { at: Date.now(), processes, busy, iowait, total: busy + idle + iowait };
  }

  static report(from: CpuSnapshot | undefined, to: CpuSnapshot | undefined): CpuReport | undefined {
    if (!from || !to) return undefined;
    const seconds = new Map<string, number>();
    const others = new Map<string, number>();
    let named = 0;
    for (const [pid, proc] of to.processes) {
      // A process started during the phase counts from zero.
      const s = (proc.ticks - (from.processes.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND;
      if (s <= 0) continue;
      seconds.set(proc.component, (seconds.get(proc.component) ?? 0) + s);
      if (proc.component === 'other processes') others.set(proc.comm, (others.get(proc.comm) ?? 0) + s);
      named += s;
    }
    const busy = (to.busy - from.busy) / TICKS_PER_SECOND;
    seconds.set('interrupts', Math.max(0, busy - named));
    const total = to.total - from.total;
    const wallSeconds = (to.at - from.at) / 1000;
    return {
      wallSeconds,
      cores: Math.round(total / TICKS_PER_SECOND / wallSeconds),
      seconds,
      others: [...others]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([comm, s]) => `${comm} ${s.toFixed(1)} s`),
      busyPercent: (100 * (to.busy - from.busy)) / total,
      iowaitPercent: (100 * (to.iowait - from.iowait)) / total,
    };
  }
}
