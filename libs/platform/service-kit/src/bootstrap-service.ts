import { serviceTopologies } from '@nemkonto/contracts';
import { loadConfigOrExit } from '@nemkonto/platform-config';
import { ReadinessRegistry } from '@nemkonto/platform-health';
import { collectProcessMetrics } from '@nemkonto/platform-telemetry';
import { AmqpTransportStrategy, Outbox } from '@nemkonto/platform-messaging';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { serviceConfigSchema } from './service-config';
import { ServiceDefinition } from './service-definition';
import { ServiceKitModule } from './service-kit.module';
import { DEFAULT_JSON_BODY_LIMIT, useBodyParsers } from './http-body';

// Boots one service: validated config (or a clear message and exit 1), HTTP (health, metrics,
// the service's API) and the AMQP transport for its queues. SIGTERM closes it gracefully:
// consumers stop, handlers in flight commit and ack, the relay awaits its confirms.
export async function bootstrapService(def: ServiceDefinition): Promise<INestApplication> {
  const config = loadConfigOrExit(serviceConfigSchema(def), def.name);
  collectProcessMetrics(def.name);
  const app = await NestFactory.create<NestExpressApplication>(ServiceKitModule.forService(def, config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  useBodyParsers(app, def.jsonBodyLimit ?? DEFAULT_JSON_BODY_LIMIT);
  app.enableShutdownHooks();

  // The service's OpenAPI document, served at /openapi.json (and a browsable UI at /openapi).
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`NemKonto ${def.name}`).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('openapi', app, openApi, { jsonDocumentUrl: 'openapi.json' });

  const dataSource = app.get(DataSource);
  const partnerQueues = def.partnerQueues;
  const strategy = new AmqpTransportStrategy({
    url: config.NK_AMQP_URL,
    topology: serviceTopologies[def.name],
    dataSource,
    partnerQueues: partnerQueues ? () => partnerQueues(dataSource) : undefined,
    outbox: app.get(Outbox),
    shutdownTimeoutMs: config.NK_SHUTDOWN_TIMEOUT_MS,
  });
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  app.get(ReadinessRegistry).register({
    name: 'consumers',
    check: async () => {
      const consumers = strategy.consumerStatus();
      return { up: consumers.every((c) => c.consuming), details: { consumers } };
    },
  });

  await app.startAllMicroservices();
  await app.listen(config.NK_HTTP_PORT, '0.0.0.0');
  app.get(Logger).log({ port: config.NK_HTTP_PORT, schema: config.NK_DB_SCHEMA }, `${def.name} started`);
  return app;
}
