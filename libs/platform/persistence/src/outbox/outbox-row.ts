export interface OutboxRow {
  readonly messageId: string;
  readonly exchange: string;
  readonly routingKey: string;
  readonly messageType: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

export const outboxNotifyChannel = (schema: string): string => `nk_outbox_${schema}`;
