import { z } from 'zod';
import { isoDateSchema } from './shared.schemas';

const addressSchema = z.object({
  lines: z.array(z.string().max(70)).max(5),
  postalCode: z.string().max(10),
  city: z.string().max(50),
  country: z.string().regex(/^[A-Z]{2}$/),
});

export const syncPersonChangedV1 = z.object({
  source: z.string().min(1).max(50),
  sequenceNo: z.number().int().nonnegative(),
  cpr: z.string().regex(/^\d{10}$/),
  previousCpr: z
    .string()
    .regex(/^\d{10}$/)
    .nullable(),
  status: z.enum(['ACTIVE', 'DEAD', 'EMIGRATED', 'INCAPACITATED']),
  statusDate: isoDateSchema.nullable(),
  name: z.string().max(140).nullable(),
  address: addressSchema.nullable(),
  // Protected name/address: used for letters, never exposed through APIs, logs or traces.
  protected: z.boolean(),
});

export const syncCompanyChangedV1 = z.object({
  source: z.string().min(1).max(50),
  sequenceNo: z.number().int().nonnegative(),
  cvr: z.string().regex(/^\d{8}$/),
  seNumbers: z.array(z.string().regex(/^\d{8}$/)),
  pNumbers: z.array(z.string().regex(/^\d{10}$/)),
  status: z.enum(['ACTIVE', 'BANKRUPT', 'CEASED']),
  statusDate: isoDateSchema.nullable(),
  name: z.string().max(140).nullable(),
  address: addressSchema.nullable(),
});

export type SyncPersonChangedV1 = z.infer<typeof syncPersonChangedV1>;
export type SyncCompanyChangedV1 = z.infer<typeof syncCompanyChangedV1>;
