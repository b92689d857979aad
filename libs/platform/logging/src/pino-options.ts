import pino, { type LoggerOptions } from 'pino';
import { httpLogSerializers } from './http-log-serializers';
import { CPR_MASK, PERSONAL_FIELD_NAMES, maskCprInText, maskPersonalData } from './mask-personal-data';

export interface LoggingOptions {
  readonly serviceName: string;
  readonly level: string;
}

// Any JSON string token in a finished log line (keys and values; numbers stay untouched so the
// line stays valid JSON).
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const CPR_ANYWHERE = /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/;

// pino runs serializers on child-logger bindings too (its formatters do not see them), so the
// identifier fields are masked by serializer as well.
const personalFieldSerializers = Object.fromEntries(
  PERSONAL_FIELD_NAMES.map((name) => [name, (v: unknown) => (v === null || v === undefined ? v : CPR_MASK)]),
);

// Structured JSON logs with the CPR mask applied at every way in: the merging object
// (formatters.log), the message and its interpolation arguments (hooks.logMethod), errors,
// requests and identifier fields (serializers, which also see child bindings), and, as the last
// line of defence for whatever reaches a line another way (a nested field of a child binding, a
// serializer added later), every JSON string of the finished line (hooks.streamWrite).
export function createPinoOptions(options: LoggingOptions): LoggerOptions {
  return {
    level: options.level,
    base: { service: options.serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => maskLogObject(object),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, maskLogArguments(args) as Parameters<typeof method>);
      },
      streamWrite: (line) => (CPR_ANYWHERE.test(line) ? line.replace(JSON_STRING, maskCprInText) : line),
    },
    serializers: {
      ...personalFieldSerializers,
      err: (err: unknown) => maskPersonalData(err),
      ...httpLogSerializers,
    },
  };
}

// Fields with a serializer of their own, which masks its output. `req` and `res` are Node's request
// and response under pino-http: walking them would be slow and break their serializers; `err`
// stays an Error so pino-http's error serializer still sees its class, causes and fields.
function maskLogObject(object: Record<string, unknown>): Record<string, unknown> {
  const { req, res, err, ...rest } = object;
  const masked = maskPersonalData(rest) as Record<string, unknown>;
  if (req !== undefined) masked['req'] = req;
  if (res !== undefined) masked['res'] = res;
  if (err !== undefined) masked['err'] = err;
  return masked;
}

// pino's call shapes: (msg, ...args), (obj, msg?, ...args). The merging object is left to
// formatters.log; strings and interpolation arguments are masked here. When only an error is
// given, pino would take its unmasked message as the log message, so a masked one is supplied.
function maskLogArguments(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const masked = rest.map(maskInterpolated);
  if (typeof first === 'string') return [maskCprInText(first), ...masked];
  if (typeof rest[0] !== 'string' && first !== null && typeof first === 'object') {
    const err = first instanceof Error ? first : (first as Record<string, unknown>)['err'];
    if (err instanceof Error && !('msg' in first)) return [first, maskCprInText(err.message), ...masked];
  }
  return [first, ...masked];
}

function maskInterpolated(arg: unknown): unknown {
  if (typeof arg === 'string') return maskCprInText(arg);
  if (arg instanceof Error) {
    // Stays an Error so `%s` still prints "Name: message".
    const copy = new Error(maskCprInText(arg.message));
    copy.name = arg.name;
    copy.stack = arg.stack === undefined ? undefined : maskCprInText(arg.stack);
    return copy;
  }
  return arg !== null && typeof arg === 'object' ? maskPersonalData(arg) : arg;
}
