export * from './mask-personal-data';
export * from './pino-options';
export * from './logging.module';
