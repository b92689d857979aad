// Where the system meets its partners: authorities' payment systems and banks' adapters. These
// messages are not envelopes but the documents themselves (pain.001, camt.055, pain.002, PAYMUL,
// CONTRL, BANSTA), each with an AMQP message-id and, inbound, the broker-validated user-id of
// the partner's own RabbitMQ user.
//
// LIVE BROKER NAMES (see exchanges.ts): partners' systems are configured with these.
export const PartnerExchanges = {
  // Authorities publish pain.001 bundles and camt.055 stop requests; routing key = authority id.
  authorityDocuments: 'nemkonto.authority-documents',
  // Answers (pain.002) to each authority's own queue; routing key = authority id.
  authorityAnswers: 'nemkonto.authority-answers',
  // Payment orders (PAYMUL, or pain.001 for banks that chose it) to each bank; key = bank id.
  bankOrders: 'nemkonto.bank-orders',
  // Banks publish CONTRL, BANSTA and pain.002 answers; routing key = bank id.
  bankAnswers: 'nemkonto.bank-answers',
  // Private payers publish lookup bundles (JSON); routing key = payer id.
  payerLookups: 'nemkonto.payer-lookups',
  // Answers to lookup bundles to each private payer's own queue; routing key = payer id.
  payerAnswers: 'nemkonto.payer-answers',
  // The CPR and CVR offices publish change events (one JSON event per message); routing key =
  // the source (CPR, CVR). See docs/cpr-cvr-feeds.md.
  cprCvrFeed: 'nemkonto.cpr-cvr-feed',
  // Letters by post (activation codes, flagged accounts) to the print service; routing key = its id.
  letters: 'nemkonto.letters',
} as const;

export type PartnerExchangeName = (typeof PartnerExchanges)[keyof typeof PartnerExchanges];
export const ALL_PARTNER_EXCHANGES: readonly PartnerExchangeName[] = Object.values(PartnerExchanges);

// A partner id becomes part of a queue name and a routing key: letters, digits, '-' and '_'.
export const PARTNER_ID_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;

function partnerId(id: string): string {
  if (!PARTNER_ID_PATTERN.test(id)) throw new Error(`invalid partner id ${JSON.stringify(id)}`);
  return id;
}

// The queue each partner reads from (declared by the service that writes to it).
export const authorityAnswersQueue = (authorityId: string): string =>
  `authority.${partnerId(authorityId)}.answers`;
export const bankOrdersQueue = (bankId: string): string => `bank.${partnerId(bankId)}.orders`;
export const payerAnswersQueue = (payerId: string): string => `payer.${partnerId(payerId)}.answers`;

// The print service reads the letters cpr-cvr-sync addressed (one JSON document per letter).
export const PRINT_SERVICE_ID = 'print';
export const printLettersQueue = (printServiceId: string = PRINT_SERVICE_ID): string =>
  `${partnerId(printServiceId)}.letters`;

// The AMQP `type` property of partner documents.
export const PartnerDocumentTypes = {
  pain001: 'pain.001.001.09',
  camt055: 'camt.055.001.08',
  pain002: 'pain.002.001.10',
  camt029: 'camt.029.001.09',
  paymul: 'PAYMUL',
  contrl: 'CONTRL',
  bansta: 'BANSTA',
  payerLookupBundle: 'nemkonto.payer-lookup-bundle.v1',
  payerLookupAnswer: 'nemkonto.payer-lookup-answer.v1',
  feedEvent: 'cpr-cvr-feed-event.v1',
  letter: 'nemkonto-letter.v1',
} as const;

// An outbound partner queue: bound to a partner exchange with the partner's id as routing key.
export interface PartnerQueue {
  readonly name: string;
  readonly exchange: PartnerExchangeName;
  readonly routingKey: string;
}

export const authorityAnswersBinding = (authorityId: string): PartnerQueue => ({
  name: authorityAnswersQueue(authorityId),
  exchange: PartnerExchanges.authorityAnswers,
  routingKey: authorityId,
});

export const bankOrdersBinding = (bankId: string): PartnerQueue => ({
  name: bankOrdersQueue(bankId),
  exchange: PartnerExchanges.bankOrders,
  routingKey: bankId,
});

export const payerAnswersBinding = (payerId: string): PartnerQueue => ({
  name: payerAnswersQueue(payerId),
  exchange: PartnerExchanges.payerAnswers,
  routingKey: payerId,
});

export const printLettersBinding = (printServiceId: string = PRINT_SERVICE_ID): PartnerQueue => ({
  name: printLettersQueue(printServiceId),
  exchange: PartnerExchanges.letters,
  routingKey: printServiceId,
});
