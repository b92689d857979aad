export * from './expect-eventually';
export * from './integration/test-env';
export * from './integration/rabbitmqctl';
export * from './integration/integration-context';
export * from './integration/tcp-proxy';
export * from './integration/migrated-data-source';
export * from './published-edifact-parser';
