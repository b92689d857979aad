export type { ReadinessCheck, ReadinessReport, ReadinessResult } from './readiness-check';
export { READINESS_CHECK_TIMEOUT_MS, ReadinessRegistry } from './readiness-registry';
export { HealthController } from './health.controller';
export { HealthModule, type HealthModuleOptions } from './health.module';
