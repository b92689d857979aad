import { AccountDto } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OptOutState, OptOutUseCase } from '../../private-payers/usecases/opt-out/opt-out.usecase';
import {
  PrivatePayerLookup,
  PrivatePayerLookupsQuery,
} from '../../private-payers/usecases/private-payer-lookups/private-payer-lookups.query';
import { PartyKey, resolveParty } from '../party-state';

export interface AccountVersionView {
  readonly versionId: string;
  readonly purpose: 'NEMKONTO' | 'BENEFIT_SPECIFIC';
  readonly authorityId: string | null;
  readonly benefitType: string | null;
  readonly account: AccountDto;
  readonly state: string;
  readonly channel: string;
  readonly registeredAt: string;
  readonly activatedAt: string | null;
  readonly effectiveFrom: string | null;
  readonly effectiveTo: string | null;
  readonly activationValidUntil: string | null;
  readonly flagged: string | null;
}

export interface ChangeView {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly channel: string;
  readonly actor: string;
  readonly reason: string | null;
}

export interface PartyOverview {
  readonly party: { readonly kind: PartyKey['kind'] };
  readonly status: string;
  readonly endMarkedFrom: string | null;
  readonly version: number;
  readonly nemkontoInForce: AccountVersionView | null;
  readonly pending: readonly AccountVersionView[];
  readonly benefitAccounts: readonly AccountVersionView[];
  readonly history: readonly AccountVersionView[];
  readonly changes: readonly ChangeView[];
  readonly letters: readonly { template: string; requestedAt: string; outcome: string | null }[];
  readonly privatePayerLookups: readonly PrivatePayerLookup[];
  readonly privatePayerOptOut: OptOutState;
}

// Everything the register holds about one party, as its holder (self-service) or an operator
// sees it: accounts in force and pending, every version, every logged change (under earlier CPR
// numbers too), letters and private payers' lookups. Names and addresses are not here: they
// live in cpr-cvr-sync and are used only for letters.
@Injectable()
export class PartyOverviewQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payerLookups: PrivatePayerLookupsQuery,
    private readonly optOut: OptOutUseCase,
  ) {}

  execute(party: PartyKey, manager: EntityManager = this.dataSource.manager): Promise<PartyOverview> {
    return manager.transaction('REPEATABLE READ', async (m) => {
      const target = await resolveParty(m, party);
      const [row] = (await m.query(
        `SELECT status, to_char(end_marked_from, 'YYYY-MM-DD') AS end_marked_from, version
           FROM parties WHERE party_kind = $1 AND party_id = $2`,
        [target.kind, target.value],
      )) as { status: string; end_marked_from: string | null; version: number }[];
      const keys = [
        target.value,
        ...(
          (await m.query(`SELECT party_id FROM parties WHERE party_kind = 'CPR' AND moved_to = $1`, [
            target.value,
          ])) as { party_id: string }[]
        ).map((r) => r.party_id),
      ];
      const versions = (
        (await m.query(
          `SELECT version_id, purpose, authority_id, benefit_type, account, state, channel, registered_at, activated_at,
                  to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to,
                  activation_expires_at, flag_reason
             FROM account_versions WHERE party_kind = $1 AND party_id = $2 ORDER BY registered_at, version_id`,
          [target.kind, target.value],
        )) as VersionRow[]
      ).map(view);
      const changes = (
        (await m.query(
          `SELECT seq, at, action, channel, actor, reason FROM change_log
            WHERE party_kind = $1 AND party_id = ANY($2) ORDER BY seq`,
          [target.kind, keys],
        )) as {
          seq: string;
          at: Date;
          action: string;
          channel: string;
          actor: string;
          reason: string | null;
        }[]
      ).map((c) => ({ ...c, seq: Number(c.seq), at: c.at.toISOString() }));
      const letters = (
        (await m.query(
          `SELECT template, requested_at, outcome FROM letters WHERE party_kind = $1 AND party_id = ANY($2) ORDER BY requested_at`,
          [target.kind, keys],
        )) as { template: string; requested_at: Date; outcome: string | null }[]
      ).map((l) => ({ template: l.template, requestedAt: l.requested_at.toISOString(), outcome: l.outcome }));
      const lookups = await this.payerLookups.execute(target, { limit: 500 });
      const optOut = await this.optOut.status(target, m);
      const open = (v: AccountVersionView): boolean => v.state === 'ACTIVE' && v.effectiveTo === null;
      return {
        party: { kind: target.kind },
        status: row?.status ?? 'ACTIVE',
        endMarkedFrom: row?.end_marked_from ?? null,
        version: row?.version ?? 0,
        nemkontoInForce: versions.find((v) => v.purpose === 'NEMKONTO' && open(v)) ?? null,
        pending: versions.filter((v) => v.state === 'PENDING'),
        benefitAccounts: versions.filter(
          (v) => v.purpose === 'BENEFIT_SPECIFIC' && (open(v) || v.state === 'PENDING'),
        ),
        history: versions,
        changes,
        letters,
        privatePayerLookups: lookups,
        privatePayerOptOut: optOut,
      };
    });
  }
}

interface VersionRow {
  version_id: string;
  purpose: 'NEMKONTO' | 'BENEFIT_SPECIFIC';
  authority_id: string | null;
  benefit_type: string | null;
  account: AccountDto;
  state: string;
  channel: string;
  registered_at: Date;
  activated_at: Date | null;
  effective_from: string | null;
  effective_to: string | null;
  activation_expires_at: Date | null;
  flag_reason: string | null;
}

const view = (r: VersionRow): AccountVersionView => ({
  versionId: r.version_id,
  purpose: r.purpose,
  authorityId: r.authority_id,
  benefitType: r.benefit_type,
  account: r.account,
  state: r.state,
  channel: r.channel,
  registeredAt: r.registered_at.toISOString(),
  activatedAt: r.activated_at?.toISOString() ?? null,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  activationValidUntil: r.state === 'PENDING' ? (r.activation_expires_at?.toISOString() ?? null) : null,
  flagged: r.flag_reason,
});
