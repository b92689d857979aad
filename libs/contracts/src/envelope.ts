import { z } from 'zod';

// Every message on the broker travels in this envelope. The body of an AMQP message is the
// JSON of the envelope; the same ids are mirrored in AMQP properties for tooling.
export const envelopeSchema = z.object({
  messageId: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1).max(100),
  correlationId: z.string().min(1).max(100),
  causationId: z.string().min(1).max(100).nullable(),
  payload: z.unknown(),
});

export type RawEnvelope = z.infer<typeof envelopeSchema>;
