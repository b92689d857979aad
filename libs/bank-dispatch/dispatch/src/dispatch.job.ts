import { Clock, PeriodicJob, SERVICE_CONFIG, ServiceConfig } from '@nemkonto/platform-service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DispatchInterchangesUseCase } from './usecases/dispatch-interchanges.usecase';

// Sends due payments to the banks every NK_JOB_INTERVAL_MS.
@Injectable()
export class DispatchJob extends PeriodicJob {
  protected readonly name = 'dispatch';

  constructor(
    private readonly dispatch: DispatchInterchangesUseCase,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(config.NK_JOB_INTERVAL_MS);
  }

  protected async runOnce(): Promise<void> {
    await this.dispatch.dispatchDue(this.clock.now());
  }
}
