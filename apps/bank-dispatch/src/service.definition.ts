import {
  BankOrderFormats1764000004100,
  DispatchJsonColumns1764000004200,
  DispatchModule,
  DispatchSchema1764000004000,
} from '@nemkonto/bank-dispatch-dispatch';
import { bankOrdersBinding } from '@nemkonto/contracts';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// Schedules payments and sends payment orders to the authorities' banks.
export const serviceDefinition: ServiceDefinition = {
  name: 'bank-dispatch',
  schema: 'dispatch',
  dbRole: 'nk_dispatch',
  httpPort: 3004,
  migrations: [
    OutboxInbox1764000000000,
    DispatchSchema1764000004000,
    BankOrderFormats1764000004100,
    DispatchJsonColumns1764000004200,
  ],
  features: [DispatchModule],
  // Every registered bank has its own orders queue.
  partnerQueues: async (ds) =>
    ((await ds.query('SELECT bank_id FROM banks ORDER BY bank_id')) as { bank_id: string }[]).map((r) =>
      bankOrdersBinding(r.bank_id),
    ),
};
