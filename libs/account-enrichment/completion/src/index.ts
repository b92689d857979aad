export * from './migrations/projection-schema.migration';
export * from './usecases/apply-account-change/apply-account-change.usecase';
export * from './usecases/complete-payments/resolve-account';
export * from './usecases/complete-payments/complete-payments.usecase';
export * from './completion.module';
