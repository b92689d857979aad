import { authorityAnswersBinding } from '@nemkonto/contracts';
import {
  IntakeModule,
  IntakeOutcomes1764000001100,
  IntakeSchema1764000001000,
  IntakeWriteCosts1764000001200,
} from '@nemkonto/payment-intake-intake';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// Receives authorities' payment bundles and answers them.
export const serviceDefinition: ServiceDefinition = {
  name: 'payment-intake',
  schema: 'intake',
  dbRole: 'nk_intake',
  httpPort: 3002,
  migrations: [
    OutboxInbox1764000000000,
    IntakeSchema1764000001000,
    IntakeOutcomes1764000001100,
    IntakeWriteCosts1764000001200,
  ],
  features: [IntakeModule],
  // Every authority with an agreement has its own answers queue.
  partnerQueues: async (ds) =>
    (
      (await ds.query('SELECT authority_id FROM authorities ORDER BY authority_id')) as {
        authority_id: string;
      }[]
    ).map((r) => authorityAnswersBinding(r.authority_id)),
};
