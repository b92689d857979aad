import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ReadinessReport, ReadinessRegistry } from './readiness-registry';

@Controller('health')
export class HealthController {
  constructor(private readonly registry: ReadinessRegistry) {}

  // Liveness: the process answers. No I/O, so a slow database never gets a live pod killed.
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  // Readiness: 200 with every check up, else 503 with the same body: { ready, checks: { name: { up, details } } }.
  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const report = await this.registry.runAll();
    if (!report.ready) throw new ServiceUnavailableException(report);
    return report;
  }
}
