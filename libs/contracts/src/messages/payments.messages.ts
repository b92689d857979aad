import { z } from 'zod';
import { accountSchema, amountOreSchema, isoDateSchema, partyIdSchema } from './shared.schemas';

// Payments move in chunks of up to ~1,000 of one bundle (ARCHITECTURE invariant 5).
export const MAX_PAYMENTS_PER_CHUNK = 1000;

const chunkSchema = z.object({
  bundleKey: z.string().min(1).max(100),
  authorityId: z.string().min(1).max(50),
  chunkIndex: z.number().int().nonnegative(),
  chunkCount: z.number().int().positive(),
});

const receivedPaymentSchema = z.object({
  paymentId: z.uuid(),
  endToEndId: z.string().min(1).max(35),
  amountOre: amountOreSchema,
  creditor: partyIdSchema,
  // Present = complete payment (the authority supplied the account).
  creditorAccount: accountSchema.nullable(),
  benefitType: z.string().min(1).max(35),
  requestedExecutionDate: isoDateSchema,
  adviceText: z.string().max(140).nullable(),
});

// The authority's agreement for a payment whose recipient has no account (nemkonto-domain.md):
// answer 7 at once, hold until a NemKonto appears (then answer 7), or pay the error account.
export const noAccountPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('REJECT') }),
  z.object({ kind: z.literal('HOLD'), days: z.number().int().min(1).max(90) }),
  z.object({ kind: z.literal('ERROR_ACCOUNT'), account: accountSchema }),
]);

export const paymentsReceivedV1 = chunkSchema.extend({
  debitAccount: z.object({ regNo: z.string().regex(/^\d{4}$/), accountNo: z.string().regex(/^\d{10}$/) }),
  noAccountPolicy: noAccountPolicySchema,
  payments: z.array(receivedPaymentSchema).min(1).max(MAX_PAYMENTS_PER_CHUNK),
});

const completedPaymentSchema = receivedPaymentSchema.extend({
  creditorAccount: accountSchema,
  accountSource: z.enum(['SUPPLIED', 'NEMKONTO', 'BENEFIT_SPECIFIC', 'AUTHORITY_ERROR_ACCOUNT']),
  creditorName: z.string().max(70).nullable(),
});

const notCompletedPaymentSchema = z.object({
  paymentId: z.uuid(),
  endToEndId: z.string().min(1).max(35),
  answerCode: z.literal(7),
  reason: z.string().min(1).max(200),
});

const heldPaymentSchema = z.object({
  paymentId: z.uuid(),
  endToEndId: z.string().min(1).max(35),
  heldUntil: isoDateSchema,
});

// A chunk's completion. Held payments (policy HOLD) come back later in another message with
// `chunkIndex` of the original chunk and `release` set, either completed or not completed.
export const paymentsCompletedV1 = chunkSchema.extend({
  debitAccount: z.object({ regNo: z.string().regex(/^\d{4}$/), accountNo: z.string().regex(/^\d{10}$/) }),
  completed: z.array(completedPaymentSchema).max(MAX_PAYMENTS_PER_CHUNK),
  notCompleted: z.array(notCompletedPaymentSchema).max(MAX_PAYMENTS_PER_CHUNK),
  held: z.array(heldPaymentSchema).max(MAX_PAYMENTS_PER_CHUNK),
  release: z.boolean(),
});

const dispatchedPaymentSchema = z.object({
  paymentId: z.uuid(),
  authorityId: z.string().min(1).max(50),
  endToEndId: z.string().min(1).max(35),
  amountOre: amountOreSchema,
});

// Payments sent to the authority's bank in one interchange (up to 1,000 per message).
export const paymentsDispatchedV1 = z.object({
  bankId: z.string().min(1).max(50),
  interchangeRef: z.string().min(1).max(14),
  executionDate: isoDateSchema,
  payments: z.array(dispatchedPaymentSchema).min(1).max(MAX_PAYMENTS_PER_CHUNK),
});

// An authority's stop request (camt.055) for payments intake knows; dispatch decides, since
// only it knows whether a payment has left for the bank.
export const paymentsStopRequestedV1 = z.object({
  authorityId: z.string().min(1).max(50),
  requestMsgId: z.string().min(1).max(35),
  payments: z
    .array(z.object({ paymentId: z.uuid(), endToEndId: z.string().min(1).max(35) }))
    .min(1)
    .max(MAX_PAYMENTS_PER_CHUNK),
});

export const paymentsStopResultV1 = z.object({
  authorityId: z.string().min(1).max(50),
  requestMsgId: z.string().min(1).max(35),
  results: z
    .array(
      z.object({
        paymentId: z.uuid(),
        endToEndId: z.string().min(1).max(35),
        stopped: z.boolean(),
        reason: z.string().min(1).max(200),
      }),
    )
    .min(1)
    .max(MAX_PAYMENTS_PER_CHUNK),
});

export const paymentsBankStatusV1 = z.object({
  bankId: z.string().min(1).max(50),
  interchangeRef: z.string().min(1).max(14),
  statuses: z
    .array(
      z.object({
        paymentId: z.uuid(),
        authorityId: z.string().min(1).max(50),
        endToEndId: z.string().min(1).max(35),
        status: z.enum(['ACCEPTED', 'REJECTED']),
        reasonCode: z.string().max(35).nullable(),
        reason: z.string().max(200).nullable(),
      }),
    )
    .min(1)
    .max(MAX_PAYMENTS_PER_CHUNK),
});

export type PaymentsReceivedV1 = z.infer<typeof paymentsReceivedV1>;
export type PaymentsCompletedV1 = z.infer<typeof paymentsCompletedV1>;
export type PaymentsBankStatusV1 = z.infer<typeof paymentsBankStatusV1>;
export type PaymentsDispatchedV1 = z.infer<typeof paymentsDispatchedV1>;
export type PaymentsStopRequestedV1 = z.infer<typeof paymentsStopRequestedV1>;
export type PaymentsStopResultV1 = z.infer<typeof paymentsStopResultV1>;
export type NoAccountPolicy = z.infer<typeof noAccountPolicySchema>;
