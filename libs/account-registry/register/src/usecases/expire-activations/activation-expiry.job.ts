import { Clock, PeriodicJob, SERVICE_CONFIG, ServiceConfig } from '@nemkonto/platform-service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExpireActivationsUseCase } from './expire-activations.usecase';

// Runs the activation expiry with the service's periodic jobs (NK_JOB_INTERVAL_MS), and removes
// letter requests from the outbox as soon as they are sent: they carry the activation code in
// clear, which the register otherwise keeps only as an HMAC.
@Injectable()
export class ActivationExpiryJob extends PeriodicJob {
  protected readonly name = 'activation expiry';

  constructor(
    private readonly expire: ExpireActivationsUseCase,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(config.NK_JOB_INTERVAL_MS);
  }

  protected async runOnce(): Promise<void> {
    const n = await this.expire.execute(this.clock.now());
    if (n > 0) this.logger.log({ expired: n }, 'pending accounts expired');
    await this.dataSource.query(
      `DELETE FROM outbox WHERE message_type = 'registry.letter-requested' AND sent_at IS NOT NULL`,
    );
  }
}
