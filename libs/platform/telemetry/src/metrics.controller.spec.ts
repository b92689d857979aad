import { MetricsController } from './metrics.controller';
import { getOrCreateCounter } from './metrics';

describe('metrics', () => {
  it('serves registered metrics in the Prometheus text format', async () => {
    const counter = getOrCreateCounter('nk_test_things_total', 'things', ['outcome']);
    counter.inc({ outcome: 'ok' }, 3);
    const text = await new MetricsController().scrape();
    expect(text).toContain('# TYPE nk_test_things_total counter');
    expect(text).toContain('nk_test_things_total{outcome="ok"} 3');
  });

  it('returns the existing metric instead of failing on a second registration', () => {
    expect(getOrCreateCounter('nk_test_twice_total', 'x')).toBe(
      getOrCreateCounter('nk_test_twice_total', 'x'),
    );
  });
});
