import { Controller, Get, Header } from '@nestjs/common';
import { metricsRegistry } from './metrics-registry';

// Prometheus scrape endpoint, in the registry's text format.
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  scrape(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
