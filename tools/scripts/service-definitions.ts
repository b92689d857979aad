import { serviceDefinition as accountEnrichment } from '../../apps/account-enrichment/src/service.definition';
import { serviceDefinition as accountRegistry } from '../../apps/account-registry/src/service.definition';
import { serviceDefinition as bankDispatch } from '../../apps/bank-dispatch/src/service.definition';
import { serviceDefinition as cprCvrSync } from '../../apps/cpr-cvr-sync/src/service.definition';
import { serviceDefinition as paymentIntake } from '../../apps/payment-intake/src/service.definition';

// In start order: the register first, the sync feed last.
export const serviceDefinitions = [
  accountRegistry,
  paymentIntake,
  accountEnrichment,
  bankDispatch,
  cprCvrSync,
];
