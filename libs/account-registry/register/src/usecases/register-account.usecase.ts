import { AccountDto } from '@nemkonto/contracts';
import { DanishBankingCalendar, LocalDate, copenhagenWallClock } from '@nemkonto/domain';
import { Outbox } from '@nemkonto/platform-messaging';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeLogEntry, appendChangeLog } from '../change-log/change-log';
import { REGISTRY_SETTINGS, RegistrySettings } from '../registry.settings';
import { AccountVersionRow, PartyKey, accountChangedEvent, accountVersions, lockParty } from './party-state';

export type Channel = 'BANK' | 'AUTHORITY' | 'CASEWORKER' | 'SELF_SERVICE' | 'SYSTEM';

export interface AccountChange {
  readonly party: PartyKey;
  readonly action: 'ASSIGN' | 'CLOSE';
  // Omitted for CLOSE.
  readonly account?: AccountDto;
  // A benefit-specific account: the paying authority and its benefit type.
  readonly benefit?: { readonly authorityId: string; readonly benefitType: string };
  readonly channel: Channel;
  readonly actor: string;
  readonly reason?: string;
  // Optimistic concurrency: the party version the caller last saw (If-Match); a different
  // current version fails the change with a conflict instead of overwriting what it did not see.
  readonly expectedVersion?: number;
}

export type ChangeResult =
  | {
      readonly ok: true;
      readonly partyVersion: number;
      // ACTIVE: in force from effectiveFrom; PENDING: waits for the holder's activation.
      readonly state: 'ACTIVE' | 'PENDING' | 'CLOSED' | 'UNCHANGED';
      readonly effectiveFrom: string | null;
    }
  | { readonly ok: false; readonly code: 'VERSION_CONFLICT' | 'NOTHING_TO_CLOSE'; readonly message: string };

const calendar = new DanishBankingCalendar();

// Registers a change of one party's NemKonto or benefit-specific account, in the caller's
// transaction: the party row is locked, the new version added (history is never overwritten),
// the interval of the version in force closed, the change appended to the hash-chained log, the
// party version raised and registry.account-changed written to the outbox with the full state.
//
// Bank-reported accounts are active at once; they take effect for payments from
// `effectiveAfterBankingDays` banking days on (0 = the same day; the law's limit is 5). Every
// other channel, and every foreign or benefit-specific account, waits for activation (PENDING),
// and the account in force stays in force until then.
@Injectable()
export class RegisterAccountUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
  ) {}

  execute(change: AccountChange, now: Date): Promise<ChangeResult> {
    return this.dataSource.transaction((m) =>
      this.executeIn(m, [change], now).then(([r]) => r as ChangeResult),
    );
  }

  // Several changes in one transaction (bulk): parties are locked in a fixed order, so two bulk
  // requests naming the same parties cannot deadlock.
  async executeIn(m: EntityManager, changes: readonly AccountChange[], now: Date): Promise<ChangeResult[]> {
    const order = changes
      .map((c, i) => ({ c, i }))
      .sort((a, b) => key(a.c.party).localeCompare(key(b.c.party)) || a.i - b.i);
    const results: ChangeResult[] = new Array<ChangeResult>(changes.length);
    const log: ChangeLogEntry[] = [];
    const today = copenhagenWallClock(now).date;
    for (const { c, i } of order) results[i] = await this.one(m, c, now, today, log);
    await appendChangeLog(m, log, now);
    return results;
  }

  private async one(
    m: EntityManager,
    c: AccountChange,
    now: Date,
    today: string,
    log: ChangeLogEntry[],
  ): Promise<ChangeResult> {
    const party = await lockParty(m, c.party);
    if (c.expectedVersion !== undefined && c.expectedVersion !== party.version) {
      return {
        ok: false,
        code: 'VERSION_CONFLICT',
        message: `the party is at version ${party.version}, not ${c.expectedVersion}: read it again and retry`,
      };
    }
    const purpose = c.benefit ? 'BENEFIT_SPECIFIC' : 'NEMKONTO';
    const same = (r: AccountVersionRow): boolean =>
      r.purpose === purpose &&
      r.authority_id === (c.benefit?.authorityId ?? null) &&
      r.benefit_type === (c.benefit?.benefitType ?? null);
    const before = (await accountVersions(m, c.party)).filter(same);
    const inForce = before.find((r) => r.state === 'ACTIVE' && r.effective_to === null) ?? null;
    const pending = before.filter((r) => r.state === 'PENDING');
    const lead = this.settings.effectiveAfterBankingDays;
    const effectiveFrom = lead === 0 ? today : calendar.addBankingDays(today, lead);
    let state: 'ACTIVE' | 'PENDING' | 'CLOSED' | 'UNCHANGED';

    if (c.action === 'CLOSE') {
      if (!inForce && pending.length === 0)
        return { ok: false, code: 'NOTHING_TO_CLOSE', message: 'there is no account to close' };
      await this.cancel(m, pending);
      if (inForce) await this.endInterval(m, inForce, effectiveFrom);
      state = 'CLOSED';
    } else {
      const account = c.account;
      if (!account) throw new Error('ASSIGN needs an account');
      if (inForce && sameAccount(inForce.account, account) && pending.length === 0) {
        return {
          ok: true,
          partyVersion: party.version,
          state: 'UNCHANGED',
          effectiveFrom: inForce.effective_from,
        };
      }
      const needsActivation =
        c.channel !== 'BANK' || account.kind === 'FOREIGN' || purpose === 'BENEFIT_SPECIFIC';
      // A newer assignment replaces one still waiting for activation.
      await this.cancel(m, pending);
      await m.query(
        `INSERT INTO account_versions (version_id, party_kind, party_id, purpose, authority_id, benefit_type, account, state,
                                       channel, actor, reason, registered_at, activated_at, effective_from,
                                       activation_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          randomUUID(),
          c.party.kind,
          c.party.value,
          purpose,
          c.benefit?.authorityId ?? null,
          c.benefit?.benefitType ?? null,
          JSON.stringify(account),
          needsActivation ? 'PENDING' : 'ACTIVE',
          c.channel,
          c.actor,
          c.reason ?? null,
          now,
          needsActivation ? null : now,
          needsActivation ? null : effectiveFrom,
          needsActivation ? new Date(now.getTime() + this.settings.activationDays * 86_400_000) : null,
        ],
      );
      if (!needsActivation && inForce) await this.endInterval(m, inForce, effectiveFrom);
      state = needsActivation ? 'PENDING' : 'ACTIVE';
    }

    const version = party.version + 1;
    await m.query(
      `UPDATE parties SET version = $3, updated_at = clock_timestamp() WHERE party_kind = $1 AND party_id = $2`,
      [c.party.kind, c.party.value, version],
    );
    const after = await accountVersions(m, c.party);
    log.push({
      party: c.party,
      action: `${c.action}_${purpose}`,
      channel: c.channel,
      actor: c.actor,
      reason: c.reason ?? null,
      before: summary(before),
      after: summary(after.filter(same)),
    });
    await this.outbox.enqueue(
      m,
      'registry.account-changed',
      accountChangedEvent(c.party, version, party.end_marked_from, after),
    );
    return {
      ok: true,
      partyVersion: version,
      state,
      effectiveFrom: state === 'PENDING' ? null : effectiveFrom,
    };
  }

  private async cancel(m: EntityManager, pending: readonly AccountVersionRow[]): Promise<void> {
    if (pending.length === 0) return;
    await m.query(`UPDATE account_versions SET state = 'CANCELLED' WHERE version_id = ANY($1::uuid[])`, [
      pending.map((p) => p.version_id),
    ]);
  }

  // The version in force stops the day before the new state takes effect; one that had not taken
  // effect yet is cancelled instead.
  private async endInterval(m: EntityManager, row: AccountVersionRow, effectiveFrom: string): Promise<void> {
    const lastDay = LocalDate.addDays(effectiveFrom, -1);
    if (row.effective_from !== null && row.effective_from > lastDay) {
      await m.query(`UPDATE account_versions SET state = 'CANCELLED' WHERE version_id = $1`, [
        row.version_id,
      ]);
      return;
    }
    await m.query(`UPDATE account_versions SET effective_to = $2 WHERE version_id = $1`, [
      row.version_id,
      lastDay,
    ]);
  }
}

const key = (p: PartyKey): string => `${p.kind}:${p.value}`;

function sameAccount(a: AccountDto, b: AccountDto): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// What the change log keeps of the versions: enough to see what changed, by whom and when.
function summary(rows: readonly AccountVersionRow[]): unknown {
  return rows
    .filter((r) => r.state === 'ACTIVE' || r.state === 'PENDING')
    .map((r) => ({
      versionId: r.version_id,
      account: r.account,
      state: r.state,
      channel: r.channel,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
    }));
}
