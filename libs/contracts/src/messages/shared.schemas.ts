import { z } from 'zod';

export const isoDateSchema = z.iso.date();
export const amountOreSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const partyIdSchema = z.object({
  kind: z.enum(['CPR', 'CVR', 'SE', 'P']),
  // For CPR this is personal data: it lives in message bodies only, never in headers, routing
  // keys, logs or span attributes.
  value: z.string().regex(/^\d{8}$|^\d{10}$/),
});

export const danishAccountSchema = z.object({
  kind: z.literal('DK'),
  regNo: z.string().regex(/^\d{4}$/),
  accountNo: z.string().regex(/^\d{1,10}$/),
});

export const foreignAccountSchema = z.object({
  kind: z.literal('FOREIGN'),
  iban: z.string().max(34).nullable(),
  accountNo: z.string().max(34).nullable(),
  bankCode: z.string().max(35).nullable(),
  bic: z
    .string()
    .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/)
    .nullable(),
  country: z.string().regex(/^[A-Z]{2}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  bankName: z.string().max(70).nullable(),
});

export const accountSchema = z.discriminatedUnion('kind', [danishAccountSchema, foreignAccountSchema]);

export type PartyIdDto = z.infer<typeof partyIdSchema>;
export type AccountDto = z.infer<typeof accountSchema>;
