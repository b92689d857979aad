import { PartnerQueue, ServiceName } from '@nemkonto/contracts';
import { DynamicModule, Type } from '@nestjs/common';
import { DataSource, EntitySchema, MixedList } from 'typeorm';

// What makes one service different from another; everything else is the same kit.
export interface ServiceDefinition {
  readonly name: ServiceName;
  // Default Postgres schema and login role (created by tools/scripts/infra-up.sh).
  readonly schema: string;
  readonly dbRole: string;
  readonly httpPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function | EntitySchema>;
  // The service's own feature modules (controllers, handlers, use cases).
  readonly features?: readonly (Type | DynamicModule)[];
  // Partners' queues the service writes documents to (authorities' answers, banks' orders).
  readonly partnerQueues?: (dataSource: DataSource) => Promise<readonly PartnerQueue[]>;
  // The largest JSON or form body the service's HTTP API takes, in bytes (default 4 MiB, see
  // http-body.ts); a larger one is answered 413 BODY_TOO_LARGE without being read further.
  readonly jsonBodyLimit?: number;
}
