import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ensureContextPropagation } from './context-propagation';
import { extractTraceContext, injectTraceContext, withSpan } from './tracing';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  ensureContextPropagation();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
});

afterEach(() => exporter.reset());

const finished = (name: string) => {
  const span = exporter.getFinishedSpans().find((s) => s.name === name);
  if (!span) throw new Error(`no finished span ${name}`);
  return span;
};

describe('withSpan', () => {
  it('returns what the function returns and ends the span with its kind and attributes', async () => {
    const result = await withSpan(
      'test',
      'work',
      { kind: SpanKind.CONSUMER, attributes: { 'nk.count': 3 } },
      async () => 42,
    );
    expect(result).toBe(42);
    const span = finished('work');
    expect(span.kind).toBe(SpanKind.CONSUMER);
    expect(span.attributes).toEqual({ 'nk.count': 3 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('nests a child under the span active across an await', async () => {
    await withSpan('test', 'outer', {}, async () => {
      await Promise.resolve();
      await withSpan('test', 'inner', {}, async () => undefined);
    });
    const outer = finished('outer');
    const inner = finished('inner');
    expect(inner.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(outer.parentSpanContext).toBeUndefined();
  });

  it('starts under an explicit parent extracted from headers, not under the active span', async () => {
    const headers: Record<string, unknown> = {};
    await withSpan('test', 'publish', { kind: SpanKind.PRODUCER }, async () => {
      injectTraceContext(headers);
    });
    await withSpan('test', 'unrelated', {}, async () => {
      await withSpan(
        'test',
        'consume',
        { kind: SpanKind.CONSUMER, parent: extractTraceContext(headers) },
        async () => undefined,
      );
    });
    const publish = finished('publish');
    const consume = finished('consume');
    expect(consume.spanContext().traceId).toBe(publish.spanContext().traceId);
    expect(consume.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    expect(consume.spanContext().traceId).not.toBe(finished('unrelated').spanContext().traceId);
  });

  it('records a failure with CPR numbers masked, sets error status, ends the span and rethrows', async () => {
    const failure = new Error('no NemKonto for 0101901234');
    await expect(
      withSpan('test', 'failing', {}, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    const span = finished('failing');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no NemKonto for ******-****' });
    const event = span.events.find((e) => e.name === 'exception');
    expect(event?.attributes).toMatchObject({
      'exception.type': 'Error',
      'exception.message': 'no NemKonto for ******-****',
    });
    expect(JSON.stringify(span.events)).not.toContain('0101901234');
  });

  it('records a thrown non-Error too', async () => {
    await expect(withSpan('test', 'odd', {}, () => Promise.reject('plain string'))).rejects.toBe(
      'plain string',
    );
    expect(finished('odd').status).toEqual({ code: SpanStatusCode.ERROR, message: 'plain string' });
  });
});

describe('injectTraceContext and extractTraceContext', () => {
  it('round-trip the trace id and span id through W3C traceparent headers', async () => {
    const headers = await withSpan('test', 'sender', {}, async (span) => {
      const h = injectTraceContext<Record<string, unknown>>({ 'x-other': 'kept' });
      return { h, traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
    });
    expect(headers.h['x-other']).toBe('kept');
    expect(headers.h['traceparent']).toBe(`00-${headers.traceId}-${headers.spanId}-01`);
    const extracted = trace.getSpanContext(extractTraceContext(headers.h));
    expect(extracted).toMatchObject({ traceId: headers.traceId, spanId: headers.spanId, isRemote: true });
  });

  it('reads traceparent from Buffer header values, as amqplib delivers them', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const ctx = extractTraceContext({ traceparent: Buffer.from(traceparent) });
    expect(trace.getSpanContext(ctx)?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('injects the context it is given rather than the active one', async () => {
    const headers: Record<string, unknown> = {};
    const given = await withSpan('test', 'given', {}, async () => context.active());
    await withSpan('test', 'active', {}, async () => injectTraceContext(headers, given));
    expect(headers['traceparent']).toContain(finished('given').spanContext().spanId);
  });

  it('extracts a fresh root when there is nothing to extract', async () => {
    await withSpan('test', 'busy', {}, async () => {
      expect(trace.getSpanContext(extractTraceContext({}))).toBeUndefined();
      expect(trace.getSpanContext(extractTraceContext(undefined))).toBeUndefined();
    });
  });

  it('writes nothing outside a trace', () => {
    expect(injectTraceContext({})).toEqual({});
  });
});
