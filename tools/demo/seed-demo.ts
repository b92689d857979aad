// Registers the demo partners the simulators play: the authority UDK (Udbetaling Danmark) with its
// debit account at Danske Bank, and Danske Bank with its reg.nr range. Idempotent; each service's
// rows are written as that service's own database role.
import { createServiceDataSource } from '@nemkonto/platform-persistence';
import { ServiceDefinition, serviceConfigSchema } from '@nemkonto/platform-service-kit';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { serviceDefinition as registry } from '../../apps/account-registry/src/service.definition';
import { serviceDefinition as dispatch } from '../../apps/bank-dispatch/src/service.definition';
import { serviceDefinition as intake } from '../../apps/payment-intake/src/service.definition';

export const DEMO = {
  authorityId: 'UDK',
  authorityName: 'Udbetaling Danmark',
  authorityUser: 'demo-authority-udk',
  // For the HTTP API (where-is-my-payment, reconciliation, upload). A demo value, not a secret.
  authorityToken: 'demo-udk-token-0123456789abcdef',
  debitAccount: { regNo: '0216', accountNo: '4069158738' },
  bankId: 'DANSKE',
  bankUser: 'demo-bank-danske',
  bankEdifactId: '5790000243440',
  // The bank's token for the registry's bank channel (a demo value, not a secret).
  bankRegistryToken: 'demo-danske-registry-token-0123456789',
  // A private payer (a payroll bureau) for POST /private-payers/lookups (a demo value, not a secret).
  payerId: 'LOENSERVICE',
  payerToken: 'demo-payer-loenservice-token-0123456789',
} as const;

async function withService(def: ServiceDefinition, run: (ds: DataSource) => Promise<void>): Promise<void> {
  const config = serviceConfigSchema(def).parse(process.env);
  const ds = createServiceDataSource({
    url: config.NK_DB_URL,
    schema: config.NK_DB_SCHEMA,
    applicationName: `${def.name}:seed-demo`,
    poolSize: 1,
  });
  await ds.initialize();
  try {
    await run(ds);
  } finally {
    await ds.destroy();
  }
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function seedDemo(): Promise<void> {
  await withService(registry, async (ds) => {
    // Danske Bank reports its customers' NemKonti (reg.nr 0000-0999) through the bank channel;
    // UDK looks accounts up and creates child-benefit accounts.
    await ds.query(
      `INSERT INTO channel_banks (bank_id, name, bic, api_token_sha256) VALUES ($1, 'Danske Bank', 'DABADKKK', $2)
       ON CONFLICT (bank_id) DO NOTHING`,
      [DEMO.bankId, sha256(DEMO.bankRegistryToken)],
    );
    await ds.query(`INSERT INTO channel_bank_reg_ranges VALUES ($1, 0, 999) ON CONFLICT DO NOTHING`, [
      DEMO.bankId,
    ]);
    await ds.query(
      `INSERT INTO channel_authorities (authority_id, name, api_token_sha256, benefit_types)
       VALUES ($1, $2, $3, '{BOERNEYDELSE}') ON CONFLICT (authority_id) DO NOTHING`,
      [DEMO.authorityId, DEMO.authorityName, sha256(DEMO.authorityToken)],
    );
    await ds.query(
      `INSERT INTO private_payers (payer_id, name, nks_agreement_no, legal_basis_kind, legal_basis_ref, lookup_mode,
         api_token_sha256, active_from)
       VALUES ($1, 'Lønservice A/S', 'NKS-DEMO-1', 'CONSENT', $3, 'FULL', $2, '2020-01-01')
       ON CONFLICT (payer_id) DO NOTHING`,
      [DEMO.payerId, sha256(DEMO.payerToken), "the employees' consent in their employment contracts"],
    );
  });
  await withService(intake, async (ds) => {
    await ds.query(
      `INSERT INTO authorities (authority_id, name, broker_user, api_token_sha256, no_account_policy)
       VALUES ($1, $2, $3, $4, 'REJECT') ON CONFLICT (authority_id) DO NOTHING`,
      [DEMO.authorityId, DEMO.authorityName, DEMO.authorityUser, sha256(DEMO.authorityToken)],
    );
    await ds.query(`INSERT INTO authority_debit_accounts VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      DEMO.authorityId,
      DEMO.debitAccount.regNo,
      DEMO.debitAccount.accountNo,
      DEMO.bankId,
    ]);
  });
  await withService(dispatch, async (ds) => {
    // Cut-off 23:59 so the demo's payments go out at once whatever the time of day.
    await ds.query(
      `INSERT INTO banks (bank_id, name, bic, broker_user, edifact_id, cutoff_time)
       VALUES ($1, 'Danske Bank', 'DABADKKK', $2, $3, '23:59') ON CONFLICT (bank_id) DO NOTHING`,
      [DEMO.bankId, DEMO.bankUser, DEMO.bankEdifactId],
    );
    await ds.query(`INSERT INTO bank_reg_ranges VALUES ($1, 0, 999) ON CONFLICT DO NOTHING`, [DEMO.bankId]);
  });
  console.log(
    `demo partners: authority ${DEMO.authorityId} (broker user ${DEMO.authorityUser}), bank ${DEMO.bankId} (broker user ${DEMO.bankUser})`,
  );
}

if (require.main === module) {
  seedDemo().catch((err: unknown) => {
    console.error(`seeding the demo failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
