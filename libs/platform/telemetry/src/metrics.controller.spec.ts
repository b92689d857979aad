import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getOrCreateCounter } from './metric-factories';
import { MetricsController } from './metrics.controller';
import { collectProcessMetrics } from './metrics-registry';
import { MetricsModule } from './metrics.module';

describe('MetricsController', () => {
  let app: INestApplication;

  beforeAll(async () => {
    collectProcessMetrics('test-service');
    const moduleRef = await Test.createTestingModule({ imports: [MetricsModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  it('returns registered metrics in the Prometheus text format', async () => {
    getOrCreateCounter('nk_test_things_total', 'things', ['outcome']).inc({ outcome: 'ok' }, 3);
    const text = await new MetricsController().scrape();
    expect(text).toContain('# TYPE nk_test_things_total counter');
    expect(text).toContain('nk_test_things_total{outcome="ok",service="test-service"} 3');
  });

  it('serves GET /metrics with the registry content type and process metrics labelled by service', async () => {
    const res = await fetch(`${await app.getUrl()}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total{service="test-service"}');
    expect(text).toContain('nk_test_things_total{outcome="ok",service="test-service"} 3');
  });
});
