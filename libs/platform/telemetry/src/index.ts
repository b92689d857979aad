export * from './start-telemetry';
export * from './metrics';
export * from './metrics.controller';
export * from './metrics.module';
