import { HealthModule } from '@nemkonto/platform-health';
import { LoggingModule } from '@nemkonto/platform-logging';
import { Outbox } from '@nemkonto/platform-messaging';
import { guardPoolClients, pgPoolOf, serviceDataSourceOptions } from '@nemkonto/platform-persistence';
import { MetricsModule } from '@nemkonto/platform-telemetry';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from './clock';
import { OutboxRelayService } from './outbox-relay.service';
import { ServiceConfig } from './service-config';
import { ServiceDefinition } from './service-definition';
import { ServiceReadiness } from './service-readiness';
import { SERVICE_CONFIG } from './service-kit.tokens';
import { OperatorGuard } from './operator.guard';

const POOL_CLIENT_GUARD = Symbol('POOL_CLIENT_GUARD');

// The plumbing every service shares: logs, metrics, health, its own schema through TypeORM, the
// outbox and its relay. The service's own feature modules come from its definition.
@Module({})
export class ServiceKitModule {
  static forService(def: ServiceDefinition, config: ServiceConfig): DynamicModule {
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ serviceName: def.name, level: config.NK_LOG_LEVEL }),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: config.NK_DB_URL,
            schema: config.NK_DB_SCHEMA,
            applicationName: def.name,
            poolSize: config.NK_DB_POOL_SIZE,
            migrations: def.migrations,
            entities: def.entities,
          }),
        ),
        HealthModule,
        MetricsModule,
        ...(def.features ?? []),
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        {
          provide: Clock,
          useValue: new Clock(config.NK_CLOCK_START ? new Date(config.NK_CLOCK_START) : undefined),
        },
        OperatorGuard,
        { provide: Outbox, useValue: new Outbox(def.name) },
        {
          provide: OutboxRelayService,
          useFactory: (dataSource: DataSource) => new OutboxRelayService(def.name, config, dataSource),
          inject: [DataSource],
        },
        ServiceReadiness,
        {
          // A database connection cut between two statements must fail the work, not the process.
          provide: POOL_CLIENT_GUARD,
          useFactory: (dataSource: DataSource) =>
            guardPoolClients(pgPoolOf(dataSource), (err) =>
              new Logger('PostgresPool').warn({ err: err.message }, 'database connection lost'),
            ),
          inject: [DataSource],
        },
      ],
      exports: [SERVICE_CONFIG, Outbox, OutboxRelayService, Clock, OperatorGuard],
    };
  }
}
