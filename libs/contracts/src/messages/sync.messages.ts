import { z } from 'zod';
import { isoDateSchema } from './shared.schemas';

// Person and company events carry the party's whole state after the change (not a delta), so a
// consumer that has seen a newer sequence number for a party simply skips an older one. They
// travel in chunks of up to 1,000 (the daily stream and the initial load alike).
//
// Addresses never leave cpr-cvr-sync: letters are addressed there (registry.letter-requested).
// A protected person's name is not published either (`name` is null, `protected` true).

export const personStateSchema = z.object({
  // Monotonic per source: the feed's own sequence number of the record this state comes from.
  sequenceNo: z.number().int().nonnegative(),
  cpr: z.string().regex(/^\d{10}$/),
  // Set when this change is a CPR-number change: the person was known under previousCpr.
  previousCpr: z
    .string()
    .regex(/^\d{10}$/)
    .nullable(),
  status: z.enum(['ACTIVE', 'DEAD', 'EMIGRATED', 'INCAPACITATED']),
  // The date the status took effect (date of death, of emigration, …); null for ACTIVE.
  statusDate: isoDateSchema.nullable(),
  // Null when the name is protected.
  name: z.string().max(140).nullable(),
  // Name and address protection: the name is used for letters only, never exposed.
  protected: z.boolean(),
});

export const syncPersonChangedV1 = z.object({
  // The feed: e.g. 'CPR' for the file drops and the RabbitMQ feed of the CPR office.
  source: z.string().min(1).max(50),
  // INITIAL_LOAD for the full extract, CHANGE for the daily stream.
  kind: z.enum(['INITIAL_LOAD', 'CHANGE']),
  persons: z.array(personStateSchema).min(1).max(1000),
});

export const companyStateSchema = z.object({
  sequenceNo: z.number().int().nonnegative(),
  cvr: z.string().regex(/^\d{8}$/),
  seNumbers: z.array(z.string().regex(/^\d{8}$/)),
  pNumbers: z.array(z.string().regex(/^\d{10}$/)),
  status: z.enum(['ACTIVE', 'BANKRUPT', 'CEASED']),
  // The bankruptcy decree date, or the date the company ceased; null for ACTIVE.
  statusDate: isoDateSchema.nullable(),
  name: z.string().max(140).nullable(),
});

export const syncCompanyChangedV1 = z.object({
  source: z.string().min(1).max(50),
  kind: z.enum(['INITIAL_LOAD', 'CHANGE']),
  companies: z.array(companyStateSchema).min(1).max(1000),
});

// cpr-cvr-sync addressed a letter the registry asked for (registry.letter-requested) and handed
// it to the print service, or could not (no address, the person is dead, the company ceased).
export const syncLetterAddressedV1 = z.object({
  letterId: z.uuid(),
  outcome: z.enum(['SENT', 'UNDELIVERABLE']),
  // For UNDELIVERABLE: NO_ADDRESS, UNKNOWN_PARTY, DEAD, CEASED, …
  reasonCode: z.string().max(50).nullable(),
});

export type PersonStateDto = z.infer<typeof personStateSchema>;
export type CompanyStateDto = z.infer<typeof companyStateSchema>;
export type SyncPersonChangedV1 = z.infer<typeof syncPersonChangedV1>;
export type SyncCompanyChangedV1 = z.infer<typeof syncCompanyChangedV1>;
export type SyncLetterAddressedV1 = z.infer<typeof syncLetterAddressedV1>;
