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

export const paymentsReceivedV1 = chunkSchema.extend({
  debitAccount: z.object({ regNo: z.string().regex(/^\d{4}$/), accountNo: z.string().regex(/^\d{10}$/) }),
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

export const paymentsCompletedV1 = chunkSchema.extend({
  debitAccount: z.object({ regNo: z.string().regex(/^\d{4}$/), accountNo: z.string().regex(/^\d{10}$/) }),
  completed: z.array(completedPaymentSchema).max(MAX_PAYMENTS_PER_CHUNK),
  notCompleted: z.array(notCompletedPaymentSchema).max(MAX_PAYMENTS_PER_CHUNK),
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
