export * from './service-definition';
export * from './service-config';
export * from './outbox-relay.service';
export * from './service-readiness';
export * from './service-kit.module';
export * from './bootstrap-service';
export * from './clock';
export * from './periodic-job';
