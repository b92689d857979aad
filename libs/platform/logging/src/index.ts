export { CPR_MASK, PERSONAL_FIELD_NAMES, maskCprInText, maskPersonalData } from './mask-personal-data';
export { createPinoOptions, type LoggingOptions } from './pino-options';
export { httpLogSerializers } from './http-log-serializers';
export { CORRELATION_ID_HEADER } from './correlation-id';
export { LoggingModule, type LoggingModuleOptions } from './logging.module';
