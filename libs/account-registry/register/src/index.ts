export * from './migrations/registry-schema.migration';
export * from './change-log/change-log';
export * from './registry.settings';
export * from './usecases/party-state';
export * from './usecases/register-account.usecase';
export * from './usecases/lookup-accounts.usecase';
export * from './usecases/replay-register.usecase';
export * from './registry.module';
