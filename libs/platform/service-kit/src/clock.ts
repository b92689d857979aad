import { Injectable } from '@nestjs/common';

// The time a service works with. Use cases take it (or a date derived from it) as a parameter so
// tests and replays can run at a fixed moment. The clock in the container is the real one unless
// NK_CLOCK_START is set (replays): then it starts at that instant and runs at real speed.
@Injectable()
export class Clock {
  private readonly offsetMs: number;

  constructor(start?: Date) {
    this.offsetMs = start ? start.getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
