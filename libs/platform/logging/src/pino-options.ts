import type { LoggerOptions } from 'pino';
import { maskCprInText, maskPersonalData } from './mask-personal-data';

export interface LoggingOptions {
  readonly serviceName: string;
  readonly level: string;
}

// Structured JSON logs; every field, the message and errors pass through the CPR mask.
export function createPinoOptions(options: LoggingOptions): LoggerOptions {
  return {
    level: options.level,
    base: { service: options.serviceName },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => maskPersonalData(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskCprInText(a) : a)) as Parameters<
          typeof method
        >;
        method.apply(this, masked);
      },
    },
    serializers: {
      err: (err: Error) => maskPersonalData(err),
    },
  };
}
