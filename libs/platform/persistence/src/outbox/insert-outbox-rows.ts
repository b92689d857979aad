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
  await manager.query(
    `INSERT INTO outbox (message_id, exchange, routing_key, message_type, body, headers)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [
      rows.map((r) => r.messageId),
      rows.map((r) => r.exchange),
      rows.map((r) => r.routingKey),
      rows.map((r) => r.messageType),
      rows.map((r) => r.body),
      rows.map((r) => JSON.stringify(r.headers)),
    ],
  );
  const schema = serviceSchemaOf(manager.connection);
  await manager.query(`SELECT pg_notify($1, '')`, [outboxNotifyChannel(schema)]);
}
