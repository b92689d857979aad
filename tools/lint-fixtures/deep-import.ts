// Linted as apps/payment-intake: importing a file inside a library instead of its public API.
import { Cpr } from '@nemkonto/domain/src/cpr';

export const cpr = Cpr;
