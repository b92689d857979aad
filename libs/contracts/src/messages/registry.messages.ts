import { z } from 'zod';
import { accountSchema, isoDateSchema, partyIdSchema } from './shared.schemas';

const accountVersionSchema = z.object({
  account: accountSchema,
  // The account is used for payments dated on or after this day.
  effectiveFrom: isoDateSchema,
  effectiveTo: isoDateSchema.nullable(),
});

export const registryAccountChangedV1 = z.object({
  party: partyIdSchema,
  // Per-party version: consumers apply a change only if it is newer than what they hold.
  partyVersion: z.number().int().positive(),
  nemkonto: z.array(accountVersionSchema),
  benefitSpecific: z.array(
    accountVersionSchema.extend({
      authorityId: z.string().min(1).max(50),
      benefitType: z.string().min(1).max(35),
    }),
  ),
  endMarkedFrom: isoDateSchema.nullable(),
});

export type RegistryAccountChangedV1 = z.infer<typeof registryAccountChangedV1>;
