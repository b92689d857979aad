import { DynamicModule, Module } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { LoggingOptions, createPinoOptions } from './pino-options';

const QUIET_PATHS = /^\/(health\/|metrics)/;

// Apps call `app.useLogger(app.get(Logger))` (nestjs-pino) after creating the application.
// Request logs carry the path without its query string (queries could hold identifiers).
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...createPinoOptions(options),
            autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
            genReqId: (req: IncomingMessage) => {
              const incoming = req.headers['x-correlation-id'];
              return typeof incoming === 'string' && incoming.length <= 100 ? incoming : randomUUID();
            },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                path: req.url.split('?')[0],
              }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
