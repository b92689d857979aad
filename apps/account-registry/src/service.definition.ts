import { RegistryModule, RegistrySchema1764000003000 } from '@nemkonto/account-registry-register';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// The NemKonto register: parties, accounts, activation, lookups.
export const serviceDefinition: ServiceDefinition = {
  name: 'account-registry',
  schema: 'registry',
  dbRole: 'nk_registry',
  httpPort: 3001,
  migrations: [OutboxInbox1764000000000, RegistrySchema1764000003000],
  features: [RegistryModule],
};
