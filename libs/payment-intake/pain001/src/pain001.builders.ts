import { Pain001Input, Pain001TransactionInput } from './pain001-writer';

// Builders for tests: a realistic bundle with overrides.
export function aTransaction(overrides: Partial<Pain001TransactionInput> = {}): Pain001TransactionInput {
  return {
    endToEndId: 'UDK-2026-000001',
    amount: '1234.50',
    creditor: { scheme: 'CPR', id: '2110625629' },
    creditorName: 'Søren Ærø',
    benefitType: 'BOERNEYDELSE',
    adviceText: 'Børne- og ungeydelse 1. kvartal',
    ...overrides,
  };
}

export function aBundle(
  transactions: Pain001TransactionInput[] = [aTransaction()],
  overrides: Partial<Pain001Input> = {},
): Pain001Input {
  return {
    msgId: 'UDK-20260115-0001',
    createdAt: '2026-01-15T08:00:00Z',
    authorityId: 'UDK',
    authorityName: 'Udbetaling Danmark',
    paymentInfos: [
      {
        pmtInfId: 'PI-1',
        requestedExecutionDate: '2026-01-20',
        debitAccount: '12340001234567',
        transactions,
      },
    ],
    ...overrides,
  };
}
