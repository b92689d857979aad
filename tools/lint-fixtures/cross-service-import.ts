// Linted as apps/payment-intake: a service using another service's library.
import { writePaymul } from '@nemkonto/bank-dispatch-edifact';

export const write = writePaymul;
