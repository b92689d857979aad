import { getOrCreateCounter, getOrCreateGauge, getOrCreateHistogram } from './metric-factories';
import { metricsRegistry } from './metrics-registry';

describe('getOrCreate metric helpers', () => {
  it('register each metric in the one registry', async () => {
    getOrCreateCounter('nk_test_created_total', 'created', ['outcome']).inc({ outcome: 'ok' });
    getOrCreateGauge('nk_test_lag_seconds', 'lag').set(1.5);
    getOrCreateHistogram('nk_test_batch_seconds', 'batch', ['queue'], [0.1, 1]).observe({ queue: 'q' }, 0.5);
    const text = await metricsRegistry.metrics();
    expect(text).toContain('nk_test_created_total{outcome="ok"} 1');
    expect(text).toContain('nk_test_lag_seconds 1.5');
    expect(text).toContain('nk_test_batch_seconds_bucket{le="1",queue="q"} 1');
  });

  it('return the metric already registered under a name instead of failing on a duplicate', () => {
    expect(getOrCreateCounter('nk_test_twice_total', 'x')).toBe(
      getOrCreateCounter('nk_test_twice_total', 'x'),
    );
    expect(getOrCreateGauge('nk_test_twice', 'x')).toBe(getOrCreateGauge('nk_test_twice', 'x'));
    expect(getOrCreateHistogram('nk_test_twice_seconds', 'x')).toBe(
      getOrCreateHistogram('nk_test_twice_seconds', 'x'),
    );
  });

  it('refuse a name already taken by a metric of another type', () => {
    getOrCreateCounter('nk_test_clash', 'x');
    expect(() => getOrCreateGauge('nk_test_clash', 'x')).toThrow(
      /nk_test_clash is already registered as another type/,
    );
  });

  it('use the default histogram buckets when none are given', async () => {
    getOrCreateHistogram('nk_test_default_seconds', 'x').observe(0.2);
    expect(await metricsRegistry.metrics()).toContain('nk_test_default_seconds_bucket{le="0.005"} 0');
  });
});
