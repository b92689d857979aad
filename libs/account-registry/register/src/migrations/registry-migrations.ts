import { PrivatePayers1764000003500 } from './private-payers.migration';
import { RegistryActivation1764000004000 } from './registry-activation.migration';
import { RegistrySchema1764000003000 } from './registry-schema.migration';

// The registry's own migrations in order (the service adds the shared outbox/inbox one first).
export const REGISTRY_MIGRATIONS = [
  RegistrySchema1764000003000,
  PrivatePayers1764000003500,
  RegistryActivation1764000004000,
];
