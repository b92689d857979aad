import { createHash, randomUUID } from 'node:crypto';
import {
  MessagePayload,
  MessageType,
  RawEnvelope,
  envelopeSchema,
  isMessageType,
  messageCatalogue,
} from '@nemkonto/contracts';

export interface Envelope<T extends MessageType = MessageType> extends RawEnvelope {
  readonly type: T;
  readonly payload: MessagePayload<T>;
}

export interface EnvelopeMeta {
  readonly producer: string;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly messageId?: string;
  readonly occurredAt?: Date;
}

// The payload is validated against the catalogue when the message is built, so a producer bug
// fails in the producer's transaction instead of poisoning a consumer.
export function createEnvelope<T extends MessageType>(
  type: T,
  payload: MessagePayload<T>,
  meta: EnvelopeMeta,
): Envelope<T> {
  const entry = messageCatalogue[type];
  const checked = entry.schema.parse(payload) as MessagePayload<T>;
  const messageId = meta.messageId ?? randomUUID();
  return {
    messageId,
    type,
    version: entry.version,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    producer: meta.producer,
    correlationId: meta.correlationId ?? messageId,
    causationId: meta.causationId ?? null,
    payload: checked,
  };
}

export type DecodeResult =
  { readonly ok: true; readonly envelope: Envelope } | { readonly ok: false; readonly reason: string };

export function decodeEnvelope(body: Buffer): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return { ok: false, reason: `invalid envelope: ${envelope.error.issues[0]?.message}` };
  const { type, version } = envelope.data;
  if (!isMessageType(type)) return { ok: false, reason: `unknown message type ${type}` };
  if (version !== messageCatalogue[type].version) {
    return { ok: false, reason: `unsupported version ${version} of ${type}` };
  }
  const payload = messageCatalogue[type].schema.safeParse(envelope.data.payload);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    return { ok: false, reason: `invalid ${type} payload at ${issue?.path.join('.')}: ${issue?.message}` };
  }
  return { ok: true, envelope: { ...envelope.data, type, payload: payload.data } as Envelope };
}

// The inbox compares this hash to tell a redelivery (same bytes) from a conflict (same id,
// other content).
export function bodyHash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
