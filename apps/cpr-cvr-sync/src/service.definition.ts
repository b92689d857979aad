import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// Keeps person and company master data from the CPR and CVR feeds.
export const serviceDefinition: ServiceDefinition = {
  name: 'cpr-cvr-sync',
  schema: 'sync',
  dbRole: 'nk_sync',
  httpPort: 3005,
  migrations: [OutboxInbox1764000000000],
  features: [],
};
