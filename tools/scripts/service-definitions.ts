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

// Node flags every service runs with (start-all, the flow harness, the Dockerfile's NODE_OPTIONS):
// a bounded old generation keeps a service's resident memory near its working set instead of
// letting V8 grow the heap towards a share of the machine's memory before collecting.
export const SERVICE_NODE_ARGS = ['--max-old-space-size=192'] as const;
