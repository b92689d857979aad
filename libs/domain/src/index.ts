export * from './domain-validation.error';
export * from './local-date';
export * from './cpr';
export * from './business-ids';
export * from './party-id';
export * from './accounts';
export * from './amount-ore';
export * from './banking-calendar';
