import type { Pool } from 'pg';
import { copyRowsOut } from './binary-copy';
import { OutboxRow } from './outbox-row';

export interface OutboxBacklog {
  readonly pending: number;
  readonly oldestPendingAgeSeconds: number;
}

// The relay's view of the outbox. Rows are claimed with a lease (claimed_until) under
// FOR UPDATE SKIP LOCKED, so relays in several processes never publish the same row at the
// same time, and a relay that dies mid-batch releases its rows when the lease runs out.
// There is no cursor over a sequence: a row that commits late is simply still pending.
export class OutboxStore {
  constructor(
    private readonly pool: Pool,
    private readonly leaseSeconds = 30,
  ) {
    if (!Number.isFinite(leaseSeconds) || leaseSeconds <= 0) throw new Error('leaseSeconds must be > 0');
  }

  // Claimed through COPY ... (FORMAT binary), so bodies arrive as the bytes that get published.
  // COPY takes no parameters; the two numbers inlined into it are checked first.
  async claim(limit: number): Promise<OutboxRow[]> {
    if (!Number.isInteger(limit) || limit <= 0) throw new Error('claim limit must be a positive integer');
    const rows = await copyRowsOut(
      this.pool,
      `UPDATE outbox o
          SET claimed_until = clock_timestamp() + make_interval(secs => ${this.leaseSeconds}),
              attempts = o.attempts + 1
         FROM (SELECT message_id FROM outbox
                WHERE sent_at IS NULL AND available_at <= clock_timestamp()
                  AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
                ORDER BY available_at, created_at
                LIMIT ${limit}
                FOR UPDATE SKIP LOCKED) c
        WHERE o.message_id = c.message_id
      RETURNING o.message_id::text, o.exchange, o.routing_key, o.message_type, o.headers::text, o.body`,
    );
    return rows.map(([messageId, exchange, routingKey, messageType, headers, body]) => ({
      messageId: text(messageId),
      exchange: text(exchange),
      routingKey: text(routingKey),
      messageType: text(messageType),
      headers: JSON.parse(text(headers)) as Record<string, string>,
      body: body ?? Buffer.alloc(0),
    }));
  }

  async markSent(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.pool.query(
      `UPDATE outbox SET sent_at = clock_timestamp(), claimed_until = NULL, last_error = NULL
        WHERE message_id = ANY($1::uuid[])`,
      [messageIds],
    );
  }

  async markFailed(messageIds: readonly string[], error: string, retryInMs: number): Promise<void> {
    if (messageIds.length === 0) return;
    await this.pool.query(
      `UPDATE outbox SET claimed_until = NULL, last_error = $2,
              available_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000)
        WHERE message_id = ANY($1::uuid[])`,
      [messageIds, error.slice(0, 1000), retryInMs],
    );
  }

  async backlog(): Promise<OutboxBacklog> {
    const { rows } = await this.pool.query<{ pending: number; age: number }>(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)::float AS age
         FROM outbox WHERE sent_at IS NULL`,
    );
    return { pending: rows[0]?.pending ?? 0, oldestPendingAgeSeconds: rows[0]?.age ?? 0 };
  }

  // Sent rows are kept for a while for inspection, then deleted in bounded batches.
  async purgeSent(olderThanHours: number, limit = 10_000): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM outbox WHERE message_id IN (
         SELECT message_id FROM outbox WHERE sent_at < clock_timestamp() - make_interval(hours => $1)
         LIMIT $2)`,
      [olderThanHours, limit],
    );
    return rowCount ?? 0;
  }
}

const text = (field: Buffer | null): string => field?.toString('utf8') ?? '';
