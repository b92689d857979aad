import { EntityManager } from 'typeorm';
import { LegalBasisKind, LookupMode, PrivatePayer } from './private-payer';

interface Row {
  payer_id: string;
  name: string;
  nks_agreement_no: string;
  legal_basis_kind: LegalBasisKind;
  legal_basis_ref: string;
  lookup_mode: LookupMode;
  broker_user: string | null;
  bucket_capacity: number | null;
  bucket_refill_per_second: number | null;
  end_user_bucket_capacity: number | null;
  end_user_refill_per_second: number | null;
  active_from: string;
  active_to: string | null;
}

const COLUMNS = `payer_id, name, nks_agreement_no, legal_basis_kind, legal_basis_ref, lookup_mode, broker_user,
  bucket_capacity, bucket_refill_per_second, end_user_bucket_capacity, end_user_refill_per_second,
  to_char(active_from, 'YYYY-MM-DD') AS active_from, to_char(active_to, 'YYYY-MM-DD') AS active_to`;

const payerOf = (r: Row): PrivatePayer => ({
  payerId: r.payer_id,
  name: r.name,
  nksAgreementNo: r.nks_agreement_no,
  legalBasis: { kind: r.legal_basis_kind, reference: r.legal_basis_ref },
  lookupMode: r.lookup_mode,
  brokerUser: r.broker_user,
  bucket: { capacity: r.bucket_capacity, refillPerSecond: r.bucket_refill_per_second },
  endUserBucket: { capacity: r.end_user_bucket_capacity, refillPerSecond: r.end_user_refill_per_second },
  activeFrom: r.active_from,
  activeTo: r.active_to,
});

export async function payerById(m: EntityManager, payerId: string): Promise<PrivatePayer | null> {
  const [row] = (await m.query(`SELECT ${COLUMNS} FROM private_payers WHERE payer_id = $1`, [
    payerId,
  ])) as Row[];
  return row ? payerOf(row) : null;
}

// The payer whose RabbitMQ user published a bundle (the broker-validated user-id).
export async function payerByBrokerUser(m: EntityManager, user: string): Promise<PrivatePayer | null> {
  const [row] = (await m.query(`SELECT ${COLUMNS} FROM private_payers WHERE broker_user = $1`, [
    user,
  ])) as Row[];
  return row ? payerOf(row) : null;
}

// Creates the payer or replaces its agreement (the token with it).
export async function savePayer(m: EntityManager, p: PrivatePayer, tokenSha256: string): Promise<void> {
  await m.query(
    `INSERT INTO private_payers (payer_id, name, nks_agreement_no, legal_basis_kind, legal_basis_ref, lookup_mode,
       api_token_sha256, broker_user, bucket_capacity, bucket_refill_per_second, end_user_bucket_capacity,
       end_user_refill_per_second, active_from, active_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (payer_id) DO UPDATE SET
       name = EXCLUDED.name, nks_agreement_no = EXCLUDED.nks_agreement_no,
       legal_basis_kind = EXCLUDED.legal_basis_kind, legal_basis_ref = EXCLUDED.legal_basis_ref,
       lookup_mode = EXCLUDED.lookup_mode, api_token_sha256 = EXCLUDED.api_token_sha256,
       broker_user = EXCLUDED.broker_user, bucket_capacity = EXCLUDED.bucket_capacity,
       bucket_refill_per_second = EXCLUDED.bucket_refill_per_second,
       end_user_bucket_capacity = EXCLUDED.end_user_bucket_capacity,
       end_user_refill_per_second = EXCLUDED.end_user_refill_per_second,
       active_from = EXCLUDED.active_from, active_to = EXCLUDED.active_to, updated_at = now()`,
    [
      p.payerId,
      p.name,
      p.nksAgreementNo,
      p.legalBasis.kind,
      p.legalBasis.reference,
      p.lookupMode,
      tokenSha256,
      p.brokerUser,
      p.bucket.capacity,
      p.bucket.refillPerSecond,
      p.endUserBucket.capacity,
      p.endUserBucket.refillPerSecond,
      p.activeFrom,
      p.activeTo,
    ],
  );
}
