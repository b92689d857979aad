import type { ClientBase } from 'pg';
import { EntityManager } from 'typeorm';
import { serviceSchemaOf } from '../data-source.factory';
import { copyRowsIn } from './binary-copy';
import { OutboxRow, outboxNotifyChannel } from './outbox-row';

const JSONB_VERSION = Buffer.from([1]);

// Called inside the caller's transaction: the rows commit (and the NOTIFY fires) together with
// the state change that caused them, or not at all. Written with binary COPY on the
// transaction's own connection: bodies are large, and COPY streams them to the server as they
// are (an INSERT's parameters were copied several times on the server, and measured slower).
export async function insertOutboxRows(manager: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    throw new Error('outbox rows must be written inside the transaction of the state change');
  }
  const client = (await runner.connect()) as ClientBase;
  await copyRowsIn(
    client,
    'outbox (message_id, exchange, routing_key, message_type, body, headers)',
    rows.map((r) => [
      uuidBytes(r.messageId),
      Buffer.from(r.exchange),
      Buffer.from(r.routingKey),
      Buffer.from(r.messageType),
      r.body,
      Buffer.concat([JSONB_VERSION, Buffer.from(JSON.stringify(r.headers))]),
    ]),
  );
  const schema = serviceSchemaOf(manager.connection);
  await manager.query(`SELECT pg_notify($1, '')`, [outboxNotifyChannel(schema)]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`outbox message id ${id} is not a uuid`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}
