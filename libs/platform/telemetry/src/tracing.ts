import { maskCprInText } from '@nemkonto/platform-logging';
import {
  Attributes,
  Context,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  TextMapGetter,
  context,
  defaultTextMapSetter,
  propagation,
  trace,
} from '@opentelemetry/api';
import { ensureContextPropagation } from './context-propagation';

export interface WithSpanOptions {
  readonly kind?: SpanKind;
  // Attributes name ids, counts and outcomes: never CPR numbers or other personal data.
  readonly attributes?: Attributes;
  // The context to start under, e.g. extractTraceContext(message headers); the active one if absent.
  readonly parent?: Context;
}

// AMQP header values arrive as strings, Buffers or arrays; HTTP ones as strings or arrays.
const headerGetter: TextMapGetter<Readonly<Record<string, unknown>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
    return undefined;
  },
};

// Writes `traceparent` (and `tracestate`) for `ctx` into message or request headers.
export function injectTraceContext<H extends Record<string, unknown>>(
  headers: H,
  ctx: Context = context.active(),
): H {
  ensureContextPropagation();
  propagation.inject(ctx, headers, defaultTextMapSetter);
  return headers;
}

// The context a message or request was sent from, to start its handling span under. Based on the
// root context, not the active one: a message without trace headers starts a trace of its own
// instead of joining whatever the consumer happened to be doing.
export function extractTraceContext(headers: Readonly<Record<string, unknown>> | undefined): Context {
  ensureContextPropagation();
  return headers ? propagation.extract(ROOT_CONTEXT, headers, headerGetter) : ROOT_CONTEXT;
}

// Runs `fn` in a new active span, ended however `fn` ends. A failure is recorded on the span with
// CPR numbers masked in its message and stack, and the span's status set to error; the error is
// rethrown unchanged.
export async function withSpan<T>(
  tracerName: string,
  spanName: string,
  options: WithSpanOptions,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  ensureContextPropagation();
  const parent = options.parent ?? context.active();
  const spanOptions = { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes };
  return trace.getTracer(tracerName).startActiveSpan(spanName, spanOptions, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      recordFailure(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

function recordFailure(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  const message = maskCprInText(error.message);
  span.recordException({
    name: error.name,
    message,
    stack: error.stack === undefined ? undefined : maskCprInText(error.stack),
  });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}
