import { DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Level } from 'pino';
import type { Options } from 'pino-http';
import { correlationIdFor } from './correlation-id';
import { LoggingOptions, createPinoOptions } from './pino-options';

export interface LoggingModuleOptions extends LoggingOptions {
  // Where the JSON lines go; stdout unless given (specs pass a collecting stream).
  readonly destination?: DestinationStream;
}

// Probes and scrapes every few seconds would drown the request log.
const QUIET_PATHS = /^\/(health(\/|\?|$)|metrics(\/|\?|$))/;

// Usage: import LoggingModule.forRoot({ serviceName, level }) in the app module, create the app
// with `{ bufferLogs: true }`, then `app.useLogger(app.get(Logger))` (Logger from nestjs-pino).
// Classes log through Nest's `new Logger(MyClass.name)` or nestjs-pino's `PinoLogger`, passing
// fields as an object (`logger.log({ bundleId }, 'bundle stored')`), not interpolated strings.
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingModuleOptions): DynamicModule {
    const httpOptions: Options<IncomingMessage, ServerResponse> = {
      ...createPinoOptions(options),
      genReqId: correlationIdFor,
      autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
      customLogLevel: (_req, res, err): Level =>
        err !== undefined || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    };
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: options.destination ? [httpOptions, options.destination] : httpOptions,
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
