export interface OutboxRow {
  readonly messageId: string;
  readonly exchange: string;
  readonly routingKey: string;
  readonly messageType: string;
  // The body exactly as published (the UTF-8 JSON of the envelope), kept as bytes from the
  // producer to the broker: bodies carry up to ~1,000 payments, and each string round trip of
  // one costs more than the rest of its trip through the relay.
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

export const outboxNotifyChannel = (schema: string): string => `nk_outbox_${schema}`;
