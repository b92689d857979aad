import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// Schedules payments and sends payment orders to the authorities' banks.
export const serviceDefinition: ServiceDefinition = {
  name: 'bank-dispatch',
  schema: 'dispatch',
  dbRole: 'nk_dispatch',
  httpPort: 3004,
  migrations: [OutboxInbox1764000000000],
  features: [],
};
