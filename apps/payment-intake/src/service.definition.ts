import { IntakeModule, IntakeSchema1764000001000 } from '@nemkonto/payment-intake-intake';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';

// Receives authorities' payment bundles and answers them.
export const serviceDefinition: ServiceDefinition = {
  name: 'payment-intake',
  schema: 'intake',
  dbRole: 'nk_intake',
  httpPort: 3002,
  migrations: [OutboxInbox1764000000000, IntakeSchema1764000001000],
  features: [IntakeModule],
};
