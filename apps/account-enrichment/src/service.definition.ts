import {
  CompletionModule,
  HeldPayments1764000002100,
  PartyNames1764000002300,
  ProjectionAsJson1764000002200,
  ProjectionSchema1764000002000,
} from '@nemkonto/account-enrichment-completion';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// Completes payments with accounts from its projection of the register.
export const serviceDefinition: ServiceDefinition = {
  name: 'account-enrichment',
  schema: 'enrichment',
  dbRole: 'nk_enrichment',
  httpPort: 3003,
  migrations: [
    OutboxInbox1764000000000,
    ProjectionSchema1764000002000,
    HeldPayments1764000002100,
    ProjectionAsJson1764000002200,
    PartyNames1764000002300,
  ],
  features: [CompletionModule],
};
