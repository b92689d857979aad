import { Injectable } from '@nestjs/common';

// The time a service works with. Use cases take it (or a date derived from it) as a parameter so
// tests and replays can run at a fixed moment; the one in the container is the real clock.
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
