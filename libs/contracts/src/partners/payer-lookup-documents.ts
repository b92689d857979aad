import { z } from 'zod';
import { accountSchema } from '../messages/shared.schemas';

// The documents a private payer's system exchanges with the registry over RabbitMQ (JSON, UTF-8):
// a lookup bundle to `nemkonto.payer-lookups` (as the payer's own RabbitMQ user), and one answer
// per bundle on the payer's queue `payer.<payerId>.answers`. See docs/registry.md.

export const MAX_PAYER_LOOKUP_ITEMS = 10_000;
// A bundle of 10,000 items is about 1 MB; anything much larger is refused before it is parsed.
export const MAX_PAYER_LOOKUP_BUNDLE_BYTES = 8 * 1024 * 1024;

export const payerBundleIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/)
  .describe("The payer's id of the bundle, unique per payer: 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'.");

const referenceSchema = z
  .string()
  .min(1)
  .max(64)
  .describe("The payer's own reference of the item (e.g. its payment or employee reference), echoed back.");

// The party is checked item by item (CPR date and so on) by the registry: a bad one is answered
// as invalid while the other items go on, so only its shape is part of the document schema.
export const payerLookupItemSchema = z.object({
  reference: referenceSchema,
  party: z.object({
    kind: z.string().max(3).describe('CPR, CVR, SE or P'),
    value: z.string().max(20).describe('The number, digits only (personal data for CPR)'),
  }),
});

export const payerLookupBundleSchema = z.object({
  bundleId: payerBundleIdSchema,
  items: z.array(payerLookupItemSchema).min(1).max(MAX_PAYER_LOOKUP_ITEMS),
});

export type PayerLookupBundleDto = z.infer<typeof payerLookupBundleSchema>;

// A looked-up party: FULL mode answers the NemKonto or why there is none; YES_NO mode only
// whether the party can be paid through NemKonto (an opted-out party is `registered: false`).
export const payerLookupResultSchema = z.union([
  z.object({ reference: referenceSchema, found: z.literal(true), account: accountSchema }),
  z.object({
    reference: referenceSchema,
    found: z.literal(false),
    code: z.enum(['NO_ACCOUNT', 'END_MARKED', 'OPTED_OUT']),
  }),
  z.object({ reference: referenceSchema, registered: z.boolean() }),
  // Not looked up: the party is not a valid number (the domain's code, e.g. CPR_DATE).
  z.object({ reference: referenceSchema, invalid: z.literal(true), code: z.string(), field: z.string() }),
]);

export const PAYER_BUNDLE_REJECTIONS = [
  'BUNDLE_MALFORMED',
  'BUNDLE_TOO_LARGE',
  'BUNDLE_CONFLICT',
  'BUNDLE_OVER_CAPACITY',
  'NO_AGREEMENT',
  'THROTTLED',
] as const;
export type PayerBundleRejection = (typeof PAYER_BUNDLE_REJECTIONS)[number];

export const payerLookupAnswerSchema = z.object({
  // The AMQP message-id too; the same on a re-sent answer.
  answerId: z.string(),
  // Null only when the document was too unreadable to name its bundle.
  bundleId: z.string().nullable(),
  payerId: z.string(),
  status: z.enum(['ANSWERED', 'REJECTED']),
  // REJECTED: why (the bundle was not looked up and is not recorded, except for a conflict).
  code: z.enum(PAYER_BUNDLE_REJECTIONS).optional(),
  message: z.string().optional(),
  // THROTTLED: seconds until the payer's bucket holds enough tokens for the bundle.
  retryAfterSeconds: z.number().int().positive().optional(),
  mode: z.enum(['FULL', 'YES_NO']).optional(),
  answeredAt: z.iso.datetime(),
  // ANSWERED: one result per item, in the bundle's order.
  results: z.array(payerLookupResultSchema),
});

export type PayerLookupResultDto = z.infer<typeof payerLookupResultSchema>;
export type PayerLookupAnswerDto = z.infer<typeof payerLookupAnswerSchema>;
