import { EntityManager } from 'typeorm';
import { serviceSchemaOf } from '../data-source.factory';
import { OutboxRow, outboxNotifyChannel } from './outbox-row';

// Called inside the caller's transaction: the rows commit (and the NOTIFY fires) together with
// the state change that caused them, or not at all.
export async function insertOutboxRows(manager: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('outbox rows must be written inside the transaction of the state change');
  }
  // Multi-row VALUES rather than unnest(): bodies are large JSON texts, and packing them into an
  // array literal (escaping every quote) measured 2-3x slower.
  const params: unknown[] = [];
  const tuples = rows.map((r) => {
    const n = params.push(
      r.messageId,
      r.exchange,
      r.routingKey,
      r.messageType,
      r.body,
      JSON.stringify(r.headers),
    );
    return `($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  await manager.query(
    `INSERT INTO outbox (message_id, exchange, routing_key, message_type, body, headers) VALUES ${tuples.join(', ')}`,
    params,
  );
  const schema = serviceSchemaOf(manager.connection);
  await manager.query(`SELECT pg_notify($1, '')`, [outboxNotifyChannel(schema)]);
}
