import { trace } from '@opentelemetry/api';
import net from 'node:net';
import { startTelemetry } from './start-telemetry';
import { withSpan } from './tracing';

describe('startTelemetry', () => {
  afterEach(() => jest.restoreAllMocks());

  it('does nothing when disabled: no tracer provider, spans do not record', async () => {
    const telemetry = startTelemetry({ serviceName: 'account-registry', enabled: false });
    const recording = await withSpan('test', 'off', {}, async (span) => span.isRecording());
    expect(recording).toBe(false);
    expect(trace.getTracerProvider().getTracer('x').startSpan('y').isRecording()).toBe(false);
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });

  it('when enabled without an endpoint, records spans with real trace ids and never opens a connection', async () => {
    const connect = jest.spyOn(net.Socket.prototype, 'connect');
    const telemetry = startTelemetry({ serviceName: 'account-registry', enabled: true });
    expect(startTelemetry({ serviceName: 'account-registry', enabled: true })).toBe(telemetry);
    const span = await withSpan('test', 'on', {}, async (s) => ({
      recording: s.isRecording(),
      ...s.spanContext(),
    }));
    expect(span.recording).toBe(true);
    expect(span.traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    await telemetry.shutdown();
    expect(connect).not.toHaveBeenCalled();
  });
});
