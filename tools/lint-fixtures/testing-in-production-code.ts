// Linted as apps/payment-intake (production code, and again as a spec file, where it is allowed):
// the shared test kit.
import { expectEventually } from '@nemkonto/testing';

export const eventually = expectEventually;
