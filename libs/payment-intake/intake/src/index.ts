export * from './migrations/intake-schema.migration';
export * from './usecases/receive-bundle/receive-bundle.command';
export * from './usecases/receive-bundle/receive-bundle.result';
export * from './usecases/receive-bundle/receive-bundle.usecase';
export * from './intake.module';
export * from './usecases/receive-bundle/bundle-answers';
