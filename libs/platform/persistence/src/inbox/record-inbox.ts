import { EntityManager } from 'typeorm';

export type InboxOutcome = 'new' | 'duplicate' | 'conflict';

// Runs first inside the consumer's transaction. The insert takes the primary-key lock, so a
// concurrent delivery of the same message waits here until the first one commits or rolls back.
export async function recordInbox(
  manager: EntityManager,
  messageId: string,
  messageType: string,
  payloadHash: string,
): Promise<InboxOutcome> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('the inbox must be written inside the transaction of the effect');
  }
  const inserted = (await manager.query(
    `INSERT INTO inbox (message_id, message_type, payload_hash) VALUES ($1, $2, $3)
     ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
    [messageId, messageType, payloadHash],
  )) as unknown[];
  if (inserted.length === 1) return 'new';
  const existing = (await manager.query(`SELECT payload_hash FROM inbox WHERE message_id = $1`, [
    messageId,
  ])) as {
    payload_hash: string;
  }[];
  return existing[0]?.payload_hash === payloadHash ? 'duplicate' : 'conflict';
}
