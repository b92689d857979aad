import { Clock, PeriodicJob, SERVICE_CONFIG, ServiceConfig } from '@nemkonto/platform-service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { copenhagenWallClock } from '@nemkonto/domain';
import { DeleteUnusedAccountsUseCase } from '../delete-unused-accounts/delete-unused-accounts.usecase';
import { ExpireActivationsUseCase } from './expire-activations.usecase';

// The register's housekeeping, with the service's periodic jobs (NK_JOB_INTERVAL_MS): pending
// accounts whose code ran out expire; end-marked accounts unused for 5 years are deleted; letter
// requests leave the outbox as soon as they are sent (they carry the activation code in clear,
// which the register otherwise keeps only as an HMAC).
@Injectable()
export class RegistryHousekeepingJob extends PeriodicJob {
  protected readonly name = 'registry housekeeping';

  constructor(
    private readonly expire: ExpireActivationsUseCase,
    private readonly deleteUnused: DeleteUnusedAccountsUseCase,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(config.NK_JOB_INTERVAL_MS);
  }

  protected async runOnce(): Promise<void> {
    const now = this.clock.now();
    const n = await this.expire.execute(now);
    if (n > 0) this.logger.log({ expired: n }, 'pending accounts expired');
    const deleted = await this.deleteUnused.execute(copenhagenWallClock(now).date, now);
    if (deleted > 0) this.logger.log({ parties: deleted }, 'accounts deleted after 5 years unused');
    await this.dataSource.query(
      `DELETE FROM outbox WHERE message_type = 'registry.letter-requested' AND sent_at IS NOT NULL`,
    );
  }
}
