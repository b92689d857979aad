export * from './data-source.factory';
export * from './pg-pool';
export * from './migrations/outbox-inbox.migration';
export * from './outbox/outbox-row';
export * from './outbox/insert-outbox-rows';
export * from './outbox/outbox.store';
export * from './inbox/record-inbox';
export * from './database-readiness.check';
