import { ROOT_CONTEXT, context, createContextKey, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const PROBE = createContextKey('nemkonto.context-probe');
let ensured = false;

// Trace context must flow (through awaits, and in and out of message headers) even where the
// SDK is not started: telemetry disabled, unit tests with their own tracer provider. This puts
// a W3C trace-context propagator and an AsyncLocalStorage context manager in place once, unless
// the SDK (or anyone else) registered its own first. Baggage is deliberately not propagated: it
// would carry whatever a caller puts in it, personal data included, across every service.
export function ensureContextPropagation(): void {
  if (ensured) return;
  ensured = true;
  if (propagation.fields().length === 0) propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // The no-op manager loses every value set on a context: that is how it is recognised.
  const carried = context.with(ROOT_CONTEXT.setValue(PROBE, true), () => context.active().getValue(PROBE));
  if (carried !== true) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}
