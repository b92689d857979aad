import { printLettersBinding } from '@nemkonto/contracts';
import { SyncModule, SyncSchema1764000005000 } from '@nemkonto/cpr-cvr-sync-sync';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// Keeps person and company master data from the CPR and CVR feeds.
export const serviceDefinition: ServiceDefinition = {
  name: 'cpr-cvr-sync',
  schema: 'sync',
  dbRole: 'nk_sync',
  httpPort: 3005,
  migrations: [OutboxInbox1764000000000, SyncSchema1764000005000],
  features: [SyncModule],
  // The print service's queue, where addressed letters go.
  partnerQueues: async () => [printLettersBinding()],
};
