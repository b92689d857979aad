// Linted as apps/payment-intake: a service reaching into another service's app by relative path.
import { serviceDefinition } from '../../account-registry/src/service.definition';

export const registry = serviceDefinition;
