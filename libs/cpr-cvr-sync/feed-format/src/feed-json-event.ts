import { Cpr, Cvr, PNumber, SeNumber, isValidDate } from '@nemkonto/domain';
import { z } from 'zod';
import { FIELD_LIMITS, FeedEvent } from './feed-event';
import { Parsed } from './feed-record-reader';

// The RabbitMQ feed: one JSON event per message (UTF-8), the same events as the file records.
// docs/cpr-cvr-feeds.md shows each type. LIVE FORMAT: the feeds publish it.

// A text field: ISO 8859-1 text like the record layout's (names go on to PAYMUL, whose UNOC is
// ISO 8859-1 too), no control characters, no surrounding blanks, within the layout's width.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u0100-\uffff]/;
const field = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(
      (v) => !CONTROL.test(v) && v.trim() === v,
      'ISO 8859-1 text without control characters or surrounding blanks',
    );

const optionalField = (max: number) => field(max).nullable().default(null);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine(
    (v) => isValidDate(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10))),
    'a real date',
  );

// The messages name the rule, never the value (it may be a CPR number).
const cpr = z
  .string()
  .refine((v) => /^\d{10}$/.test(v) && Cpr.isValid(v), 'a valid CPR number (10 digits, a real birth date)');
const cvr = z.string().refine((v) => Cvr.isValid(v), 'a valid CVR number (8 digits, modulus 11)');

const address = z
  .object({
    street: field(FIELD_LIMITS.street),
    houseNo: optionalField(FIELD_LIMITS.houseNo),
    floor: optionalField(FIELD_LIMITS.floor),
    door: optionalField(FIELD_LIMITS.door),
    postcode: z.string().regex(/^\d{4}$/, '4 digits'),
    city: field(FIELD_LIMITS.city),
  })
  .strict();

const personStatus = z.enum(['ACTIVE', 'DEAD', 'EMIGRATED', 'INCAPACITATED']);
const companyStatus = z.enum(['ACTIVE', 'BANKRUPT', 'CEASED']);

const base = {
  source: z.string().regex(/^[A-Z0-9_-]{1,10}$/, '1-10 of A-Z, 0-9, _ and -'),
  sequenceNo: z.number().int().positive().max(FIELD_LIMITS.maxSequenceNo),
  effectiveDate: isoDate,
};

export const feedJsonEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...base,
      type: z.literal('person.created'),
      cpr,
      firstNames: field(FIELD_LIMITS.firstNames),
      lastName: field(FIELD_LIMITS.lastName),
      address: address.nullable(),
      protected: z.boolean(),
      status: personStatus,
      statusDate: isoDate.nullable(),
    })
    .strict()
    .refine((e) => e.status === 'ACTIVE' || e.statusDate !== null, {
      message: 'statusDate is required unless the status is ACTIVE',
      path: ['statusDate'],
    }),
  z.object({ ...base, type: z.literal('person.address-changed'), cpr, address: address.nullable() }).strict(),
  z.object({ ...base, type: z.literal('person.protection-changed'), cpr, protected: z.boolean() }).strict(),
  z
    .object({
      ...base,
      type: z.literal('person.status-changed'),
      cpr,
      status: personStatus,
      statusDate: isoDate,
    })
    .strict(),
  z
    .object({ ...base, type: z.literal('person.number-changed'), cpr, previousCpr: cpr })
    .strict()
    .refine((e) => e.cpr !== e.previousCpr, {
      message: 'the new and the previous number are the same',
      path: ['cpr'],
    }),
  z
    .object({
      ...base,
      type: z.literal('person.name-changed'),
      cpr,
      firstNames: field(FIELD_LIMITS.firstNames),
      lastName: field(FIELD_LIMITS.lastName),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('company.created'),
      cvr,
      name: field(FIELD_LIMITS.companyName),
      address: address.nullable(),
      status: companyStatus,
      statusDate: isoDate.nullable(),
    })
    .strict()
    .refine((e) => e.status === 'ACTIVE' || e.statusDate !== null, {
      message: 'statusDate is required unless the status is ACTIVE',
      path: ['statusDate'],
    }),
  z
    .object({
      ...base,
      type: z.literal('company.se-number-added'),
      cvr,
      seNumber: z.string().refine((v) => SeNumber.isValid(v), '8 digits'),
      address: address.nullable(),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('company.p-number-added'),
      cvr,
      pNumber: z.string().refine((v) => PNumber.isValid(v), '10 digits'),
      address: address.nullable(),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('company.status-changed'),
      cvr,
      status: companyStatus,
      statusDate: isoDate,
    })
    .strict(),
  z
    .object({ ...base, type: z.literal('company.name-changed'), cvr, name: field(FIELD_LIMITS.companyName) })
    .strict(),
  z
    .object({ ...base, type: z.literal('company.address-changed'), cvr, address: address.nullable() })
    .strict(),
]);

export interface SourcedEvent {
  readonly source: string;
  readonly event: FeedEvent;
}

// Decodes one message body. The reason names the field and the rule, never the value.
export function parseJsonFeedEvent(body: Buffer): Parsed<SourcedEvent> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const parsed = feedJsonEventSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(event)';
    return { ok: false, reason: `${path}: ${issue?.message ?? 'invalid'}` };
  }
  const { source, ...event } = parsed.data;
  return { ok: true, value: { source, event: event as FeedEvent } };
}

// The JSON text of an event (the feed generator and tests publish these).
export function writeJsonFeedEvent(source: string, event: FeedEvent): string {
  return JSON.stringify({ source, ...event });
}
