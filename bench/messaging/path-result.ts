import { CpuReport } from './cpu-meter';

export interface PathResult {
  readonly startedAt: number;
  readonly finishedAt: number;
  // Intermediate moments of the path (ms since the epoch), for the summary.
  readonly milestones: readonly (readonly [string, number])[];
  readonly cpu?: CpuReport;
  // What was checked after the run, in words.
  readonly verified: string;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
