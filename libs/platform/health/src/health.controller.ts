import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ReadinessReport } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

// GET /health/live  → 200 { "status": "ok" }, always.
// GET /health/ready → 200 when every check is up, else 503, with the same body either way:
//   { "ready": false, "checks": { "database": { "up": true }, "consumers": { "up": false,
//     "details": { ... } } } }
@Controller('health')
export class HealthController {
  constructor(private readonly registry: ReadinessRegistry) {}

  // The process answers. No I/O, so a slow database never gets a live pod restarted.
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const report = await this.registry.runAll();
    if (!report.ready) throw new ServiceUnavailableException(report);
    return report;
  }
}
