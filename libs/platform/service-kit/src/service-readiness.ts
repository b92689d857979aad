import { ReadinessRegistry } from '@nemkonto/platform-health';
import { checkDatabaseReadiness } from '@nemkonto/platform-persistence';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelayService } from './outbox-relay.service';

// Readiness = the database answers with no pending migration, the relay can publish, and (added
// at bootstrap, see bootstrapService) every consumer is consuming.
@Injectable()
export class ServiceReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelayService,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'database', check: () => checkDatabaseReadiness(this.dataSource) });
    this.registry.register({
      name: 'outbox-relay',
      check: async () => ({ up: this.relay.isConnected, details: { ...(await this.relay.backlog()) } }),
    });
  }
}
