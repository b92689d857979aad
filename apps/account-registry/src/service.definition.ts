import {
  PrivatePayersModule,
  REGISTRY_MIGRATIONS,
  RegistryModule,
  payerAnswerQueues,
} from '@nemkonto/account-registry-register';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// The NemKonto register: parties, accounts, activation, lookups.
export const serviceDefinition: ServiceDefinition = {
  name: 'account-registry',
  schema: 'registry',
  dbRole: 'nk_registry',
  httpPort: 3001,
  migrations: [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS],
  features: [RegistryModule, PrivatePayersModule],
  // Every private payer with a broker user has its own answers queue.
  partnerQueues: payerAnswerQueues,
};
