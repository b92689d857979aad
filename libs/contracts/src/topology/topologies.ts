import { Exchanges } from '../exchanges';
import { PartnerExchanges } from '../partners/partner-exchanges';
import { ServiceTopology } from './service-topology';

const defaults = { prefetch: 20, deliveryLimit: 5, maxLength: 1_000_000 } as const;

// LIVE NAMES: queue names below are durable broker objects (see exchanges.ts).
export const serviceTopologies = {
  'account-registry': {
    service: 'account-registry',
    publishesTo: [Exchanges.registry],
    queues: [
      {
        ...defaults,
        name: 'account-registry.sync-events',
        consumes: ['sync.person-changed', 'sync.company-changed', 'sync.letter-addressed'],
      },
      { ...defaults, name: 'account-registry.dispatch-events', consumes: ['dispatch.account-rejected'] },
      { ...defaults, name: 'account-registry.payments-completed', consumes: ['payments.completed'] },
    ],
    publishesToPartners: [PartnerExchanges.payerAnswers],
    gateways: [
      {
        ...defaults,
        // A bundle holds up to 10,000 lookups (about 1 MB): two at a time per instance.
        prefetch: 2,
        name: 'account-registry.payer-lookups',
        exchange: PartnerExchanges.payerLookups,
        bindingKey: '#',
        handler: 'payer-lookups',
      },
    ],
  },
  'payment-intake': {
    service: 'payment-intake',
    publishesTo: [Exchanges.payments],
    queues: [
      {
        ...defaults,
        name: 'payment-intake.payment-outcomes',
        consumes: [
          'payments.completed',
          'payments.dispatched',
          'payments.bank-status',
          'payments.stop-result',
        ],
      },
    ],
    publishesToPartners: [PartnerExchanges.authorityAnswers],
    gateways: [
      {
        ...defaults,
        // A bundle may hold many thousands of payments (tens of MB): one at a time, which bounds
        // the service's memory; chunks of received bundles are completed meanwhile.
        prefetch: 1,
        name: 'payment-intake.authority-documents',
        exchange: PartnerExchanges.authorityDocuments,
        bindingKey: '#',
        handler: 'authority-documents',
      },
    ],
  },
  'account-enrichment': {
    service: 'account-enrichment',
    publishesTo: [Exchanges.payments],
    queues: [
      { ...defaults, name: 'account-enrichment.payments-received', consumes: ['payments.received'] },
      {
        ...defaults,
        name: 'account-enrichment.register-events',
        consumes: ['registry.account-changed', 'sync.person-changed', 'sync.company-changed'],
      },
    ],
  },
  'bank-dispatch': {
    service: 'bank-dispatch',
    publishesTo: [Exchanges.payments, Exchanges.dispatch],
    queues: [
      {
        ...defaults,
        name: 'bank-dispatch.payments-completed',
        consumes: ['payments.completed', 'payments.stop-requested'],
      },
    ],
    publishesToPartners: [PartnerExchanges.bankOrders],
    gateways: [
      {
        ...defaults,
        name: 'bank-dispatch.bank-answers',
        exchange: PartnerExchanges.bankAnswers,
        bindingKey: '#',
        handler: 'bank-answers',
      },
    ],
  },
  'cpr-cvr-sync': {
    service: 'cpr-cvr-sync',
    publishesTo: [Exchanges.sync],
    queues: [{ ...defaults, name: 'cpr-cvr-sync.letter-requests', consumes: ['registry.letter-requested'] }],
    publishesToPartners: [PartnerExchanges.letters],
    gateways: [
      {
        ...defaults,
        // One at a time, in the feed's order: each event takes its source's row lock anyway, and
        // concurrent deliveries committing out of order would report gaps that are not there.
        prefetch: 1,
        name: 'cpr-cvr-sync.feed-events',
        exchange: PartnerExchanges.cprCvrFeed,
        bindingKey: '#',
        handler: 'cpr-cvr-feed',
      },
    ],
  },
} as const satisfies Record<string, ServiceTopology>;

export type ServiceName = keyof typeof serviceTopologies;
export const SERVICE_NAMES = Object.keys(serviceTopologies) as ServiceName[];
