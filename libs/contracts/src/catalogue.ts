import { z } from 'zod';
import { Exchanges, ExchangeName } from './exchanges';
import { dispatchAccountRejectedV1 } from './messages/dispatch.messages';
import {
  paymentsBankStatusV1,
  paymentsCompletedV1,
  paymentsDispatchedV1,
  paymentsReceivedV1,
  paymentsStopRequestedV1,
  paymentsStopResultV1,
} from './messages/payments.messages';
import { registryAccountChangedV1, registryLetterRequestedV1 } from './messages/registry.messages';
import { syncCompanyChangedV1, syncLetterAddressedV1, syncPersonChangedV1 } from './messages/sync.messages';

interface CatalogueEntry {
  readonly version: number;
  readonly exchange: ExchangeName;
  readonly producer: string;
  readonly summary: string;
  readonly schema: z.ZodType;
}

// LIVE NAMES: a message type is also its routing key on its exchange. NEVER rename a type; add a
// new one (or a new version) and retire the old one once no consumer needs it.
export const messageCatalogue = {
  'payments.received': {
    version: 1,
    exchange: Exchanges.payments,
    producer: 'payment-intake',
    summary: 'A chunk of up to 1,000 payments of one bundle passed reception checks.',
    schema: paymentsReceivedV1,
  },
  'payments.completed': {
    version: 1,
    exchange: Exchanges.payments,
    producer: 'account-enrichment',
    summary: 'A chunk of payments completed with accounts, and those that could not be (answer 7).',
    schema: paymentsCompletedV1,
  },
  'payments.bank-status': {
    version: 1,
    exchange: Exchanges.payments,
    producer: 'bank-dispatch',
    summary: "The authority's bank accepted or rejected payments (answers 8 and 9).",
    schema: paymentsBankStatusV1,
  },
  'payments.dispatched': {
    version: 1,
    exchange: Exchanges.payments,
    producer: 'bank-dispatch',
    summary: "Payments were sent to the authority's bank in one interchange (PAYMUL or pain.001).",
    schema: paymentsDispatchedV1,
  },
  'payments.stop-requested': {
    version: 1,
    exchange: Exchanges.payments,
    producer: 'payment-intake',
    summary: 'An authority asked to stop payments (camt.055); dispatch stops those not yet sent.',
    schema: paymentsStopRequestedV1,
  },
  'payments.stop-result': {
    version: 1,
    exchange: Exchanges.payments,
    producer: 'bank-dispatch',
    summary: 'Which payments of a stop request were stopped (answer 5) and why the others were not.',
    schema: paymentsStopResultV1,
  },
  'registry.account-changed': {
    version: 1,
    exchange: Exchanges.registry,
    producer: 'account-registry',
    summary:
      "A party's NemKonto or benefit-specific accounts changed; carries the full state and a per-party version.",
    schema: registryAccountChangedV1,
  },
  'registry.letter-requested': {
    version: 1,
    exchange: Exchanges.registry,
    producer: 'account-registry',
    summary:
      'A letter by post to a party (activation code, flagged account); cpr-cvr-sync addresses and prints it.',
    schema: registryLetterRequestedV1,
  },
  'sync.person-changed': {
    version: 1,
    exchange: Exchanges.sync,
    producer: 'cpr-cvr-sync',
    summary:
      "Up to 1,000 persons' states after a change in the CPR feed (death, emigration, number change, name, protection).",
    schema: syncPersonChangedV1,
  },
  'sync.company-changed': {
    version: 1,
    exchange: Exchanges.sync,
    producer: 'cpr-cvr-sync',
    summary:
      "Up to 1,000 companies' states after a change in the CVR feed (bankruptcy, ceased, SE/P numbers, name).",
    schema: syncCompanyChangedV1,
  },
  'sync.letter-addressed': {
    version: 1,
    exchange: Exchanges.sync,
    producer: 'cpr-cvr-sync',
    summary: 'A requested letter was addressed and handed to the print service, or could not be.',
    schema: syncLetterAddressedV1,
  },
  'dispatch.account-rejected': {
    version: 1,
    exchange: Exchanges.dispatch,
    producer: 'bank-dispatch',
    summary: 'A bank rejected a payment because the beneficiary account is closed or unknown.',
    schema: dispatchAccountRejectedV1,
  },
} as const satisfies Record<string, CatalogueEntry>;

export type MessageCatalogue = typeof messageCatalogue;
export type MessageType = keyof MessageCatalogue;
export type MessagePayload<T extends MessageType> = z.infer<MessageCatalogue[T]['schema']>;

export const MESSAGE_TYPES = Object.keys(messageCatalogue) as MessageType[];

export function isMessageType(value: string): value is MessageType {
  return Object.prototype.hasOwnProperty.call(messageCatalogue, value);
}
