export * from './migrations/dispatch-schema.migration';
export * from './migrations/bank-order-formats.migration';
export * from './migrations/dispatch-json-columns.migration';
export * from './execution-date';
export * from './usecases/schedule-payments.usecase';
export * from './usecases/dispatch-interchanges.usecase';
export * from './usecases/handle-bank-answer.usecase';
export * from './dispatch.module';
