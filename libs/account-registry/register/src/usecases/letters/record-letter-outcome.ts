import { SyncLetterAddressedV1 } from '@nemkonto/contracts';
import { EntityManager } from 'typeorm';

// cpr-cvr-sync's answer about a letter: sent to print, or undeliverable with a reason. The first
// answer counts; a repeated one changes nothing. Returns false for a letter the register never
// asked for.
export async function recordLetterOutcome(
  m: EntityManager,
  answer: SyncLetterAddressedV1,
  now: Date,
): Promise<boolean> {
  const [rows] = (await m.query(
    `UPDATE letters SET outcome = $2, reason_code = $3, addressed_at = coalesce(addressed_at, $4)
      WHERE letter_id = $1 AND (outcome IS NULL OR outcome = $2)
      RETURNING letter_id`,
    [answer.letterId, answer.outcome, answer.reasonCode, now],
  )) as [unknown[], number];
  if (rows.length > 0) return true;
  const [known] = (await m.query(`SELECT 1 FROM letters WHERE letter_id = $1`, [
    answer.letterId,
  ])) as unknown[];
  return known !== undefined;
}
