export { startTelemetry, type Telemetry } from './start-telemetry';
export type { TelemetryOptions } from './telemetry-sdk-configuration';
export { ensureContextPropagation } from './context-propagation';
export { extractTraceContext, injectTraceContext, withSpan, type WithSpanOptions } from './tracing';
export { collectProcessMetrics, metricsRegistry } from './metrics-registry';
export { getOrCreateCounter, getOrCreateGauge, getOrCreateHistogram } from './metric-factories';
export { MetricsController } from './metrics.controller';
export { MetricsModule } from './metrics.module';
