import { DynamicModule, Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { READINESS_CHECK_TIMEOUT_MS, ReadinessRegistry } from './readiness-registry';

export interface HealthModuleOptions {
  // Per-check bound on /health/ready; 2000 ms unless given.
  readonly checkTimeoutMs?: number;
}

// Global, so any module can inject the ReadinessRegistry and register its checks. A plain
// controller rather than terminus's HealthCheckService: the registry already bounds and
// isolates checks, and the response shape stays ours (documented on HealthController).
@Global()
@Module({
  controllers: [HealthController],
  providers: [ReadinessRegistry],
  exports: [ReadinessRegistry],
})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      providers:
        options.checkTimeoutMs === undefined
          ? []
          : [{ provide: READINESS_CHECK_TIMEOUT_MS, useValue: options.checkTimeoutMs }],
    };
  }
}
