export { ConfigValidationError } from './config-validation.error';
export { loadConfig } from './load-config';
export { loadConfigOrExit } from './load-config-or-exit';
export { envBoolean } from './env-boolean';
export { envInt } from './env-int';
export { envUrl } from './env-url';
export { baseServiceConfigSchema, type BaseServiceConfig } from './base-service-config.schema';
