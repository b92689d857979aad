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
  // Set on a CPR number that was replaced by a new one: the accounts are the new party's, so
  // payments naming the old number still complete.
  movedTo: partyIdSchema.nullable(),
});

export type RegistryAccountChangedV1 = z.infer<typeof registryAccountChangedV1>;

// A letter to a party by post (never e-mail or Digital Post): cpr-cvr-sync adds the name and the
// CPR/CVR address and hands it to the print service (the `print.letters` queue), answering with
// sync.letter-addressed. The activation code is in clear only here and on paper; the registry
// keeps its SHA-256.
export const registryLetterRequestedV1 = z.object({
  letterId: z.uuid(),
  party: partyIdSchema,
  template: z.enum(['ACTIVATION', 'ACCOUNT_FLAGGED']),
  // ACTIVATION: the 8-digit code and the last day it can be entered.
  activationCode: z
    .string()
    .regex(/^\d{8}$/)
    .nullable(),
  validUntil: isoDateSchema.nullable(),
  // The account the letter is about, and for a benefit-specific one its authority and type.
  account: accountSchema,
  benefit: z
    .object({ authorityId: z.string().min(1).max(50), benefitType: z.string().min(1).max(35) })
    .nullable(),
});

export type RegistryLetterRequestedV1 = z.infer<typeof registryLetterRequestedV1>;
