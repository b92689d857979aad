import { copenhagenWallClock } from '@nemkonto/domain';
import { Outbox } from '@nemkonto/platform-messaging';
import { Clock, PeriodicJob, SERVICE_CONFIG, ServiceConfig } from '@nemkonto/platform-service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReleaseHeldPaymentsUseCase } from './usecases/release-held-payments/release-held-payments.usecase';

// Ends holds that ran out: answer 7 for each, in bounded batches, one transaction per batch.
@Injectable()
export class HoldExpiryJob extends PeriodicJob {
  protected readonly name = 'hold expiry';

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly release: ReleaseHeldPaymentsUseCase,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(config.NK_JOB_INTERVAL_MS);
  }

  protected async runOnce(): Promise<void> {
    const today = copenhagenWallClock(this.clock.now()).date;
    for (;;) {
      const sent = await this.dataSource.transaction(async (m) => {
        const messages = await this.release.expire(m, today);
        await this.outbox.enqueueMany(
          m,
          messages.map((payload) => ({ type: 'payments.completed' as const, payload })),
        );
        return messages.length;
      });
      if (sent === 0) return;
    }
  }
}
