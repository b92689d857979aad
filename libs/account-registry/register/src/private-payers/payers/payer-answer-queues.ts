import { PartnerQueue, payerAnswersBinding } from '@nemkonto/contracts';
import { DataSource } from 'typeorm';

// Every private payer with a broker user has its own answers queue (ServiceDefinition.partnerQueues).
export async function payerAnswerQueues(ds: DataSource): Promise<PartnerQueue[]> {
  const rows = (await ds.query(
    'SELECT payer_id FROM private_payers WHERE broker_user IS NOT NULL ORDER BY payer_id',
  )) as { payer_id: string }[];
  return rows.map((r) => payerAnswersBinding(r.payer_id));
}
