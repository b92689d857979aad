// Linted as libs/domain: a shared library depending on a service's library.
import { writePaymul } from '@nemkonto/bank-dispatch-edifact';

export const write = writePaymul;
