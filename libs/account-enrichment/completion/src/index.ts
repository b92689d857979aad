export * from './migrations/projection-schema.migration';
export * from './usecases/apply-account-change/apply-account-change.usecase';
export * from './usecases/complete-payments/resolve-account';
export * from './usecases/complete-payments/complete-payments.usecase';
export * from './completion.module';
export * from './migrations/held-payments.migration';
export * from './migrations/projection-as-json.migration';
export * from './usecases/release-held-payments/release-held-payments.usecase';
