import { AccountDto } from '@nemkonto/contracts';
import { DanishBankingCalendar, LocalDate, copenhagenWallClock } from '@nemkonto/domain';
import { Outbox } from '@nemkonto/platform-messaging';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeLogEntry, appendChangeLog } from '../change-log/change-log';
import { REGISTRY_SETTINGS, RegistrySettings } from '../registry.settings';
import { activationCodeDigest, newActivationCode } from './activation/activation-code';
import { requestLetter } from './letters/request-letter';
import { commitPartyChange } from './party-change';
import {
  AccountVersionRow,
  PartyKey,
  accountVersions,
  lockParty,
  partyHasEnded,
  resolveParty,
} from './party-state';

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
  | {
      readonly ok: false;
      readonly code: 'VERSION_CONFLICT' | 'NOTHING_TO_CLOSE' | 'PARTY_ENDED';
      readonly message: string;
    };

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
    // A change naming a replaced CPR number is made on the number it moved to.
    const target = await resolveParty(m, c.party);
    const party = await lockParty(m, target);
    if (c.expectedVersion !== undefined && c.expectedVersion !== party.version) {
      return {
        ok: false,
        code: 'VERSION_CONFLICT',
        message: `the party is at version ${party.version}, not ${c.expectedVersion}: read it again and retry`,
      };
    }
    if (c.action === 'ASSIGN' && partyHasEnded(party))
      return {
        ok: false,
        code: 'PARTY_ENDED',
        message: `the party is registered as ${party.status.toLowerCase()} in CPR/CVR: no new account is taken`,
      };
    const purpose = c.benefit ? 'BENEFIT_SPECIFIC' : 'NEMKONTO';
    const same = (r: AccountVersionRow): boolean =>
      r.purpose === purpose &&
      r.authority_id === (c.benefit?.authorityId ?? null) &&
      r.benefit_type === (c.benefit?.benefitType ?? null);
    const before = (await accountVersions(m, target)).filter(same);
    const inForce = before.find((r) => r.state === 'ACTIVE' && r.effective_to === null) ?? null;
    const pending = before.filter((r) => r.state === 'PENDING');
    const effectiveFrom = this.effectiveFrom(today);
    let state: 'ACTIVE' | 'PENDING' | 'CLOSED' | 'UNCHANGED';

    if (c.action === 'CLOSE') {
      if (!inForce && pending.length === 0)
        return { ok: false, code: 'NOTHING_TO_CLOSE', message: 'there is no account to close' };
      await this.cancel(m, pending);
      if (inForce) await endInterval(m, inForce, effectiveFrom);
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
      const versionId = randomUUID();
      const code = needsActivation ? newActivationCode() : null;
      const expiresAt = new Date(now.getTime() + this.settings.activationDays * 86_400_000);
      await m.query(
        `INSERT INTO account_versions (version_id, party_kind, party_id, purpose, authority_id, benefit_type, account, state,
                                       channel, actor, reason, registered_at, activated_at, effective_from,
                                       activation_code_sha256, activation_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          versionId,
          target.kind,
          target.value,
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
          code === null ? null : activationCodeDigest(this.settings.codeSecret, versionId, code),
          needsActivation ? expiresAt : null,
        ],
      );
      if (code !== null) {
        // The code exists in clear only in this letter; the previous account stays in force until
        // the holder enters it.
        const letterId = await requestLetter(
          m,
          this.outbox,
          {
            party: target,
            template: 'ACTIVATION',
            versionId,
            account,
            benefit: c.benefit ?? null,
            activationCode: code,
            validUntil: copenhagenWallClock(expiresAt).date,
          },
          now,
        );
        await m.query(`UPDATE account_versions SET letter_id = $2 WHERE version_id = $1`, [
          versionId,
          letterId,
        ]);
      }
      if (!needsActivation && inForce) await endInterval(m, inForce, effectiveFrom);
      state = needsActivation ? 'PENDING' : 'ACTIVE';
    }

    const after = (await accountVersions(m, target)).filter(same);
    const version = await commitPartyChange(m, this.outbox, target, log, {
      action: `${c.action}_${purpose}`,
      channel: c.channel,
      actor: c.actor,
      reason: c.reason ?? null,
      before: versionSummary(before),
      after: versionSummary(after),
    });
    return {
      ok: true,
      partyVersion: version,
      state,
      effectiveFrom: state === 'PENDING' ? null : effectiveFrom,
    };
  }

  // The first day a change made today applies to payments.
  effectiveFrom(today: string): string {
    const lead = this.settings.effectiveAfterBankingDays;
    return lead === 0 ? today : calendar.addBankingDays(today, lead);
  }

  private async cancel(m: EntityManager, pending: readonly AccountVersionRow[]): Promise<void> {
    if (pending.length === 0) return;
    await m.query(`UPDATE account_versions SET state = 'CANCELLED' WHERE version_id = ANY($1::uuid[])`, [
      pending.map((p) => p.version_id),
    ]);
  }
}

const key = (p: PartyKey): string => `${p.kind}:${p.value}`;

// The version in force stops the day before the new state takes effect; one that had not taken
// effect yet is cancelled instead.
export async function endInterval(
  m: EntityManager,
  row: AccountVersionRow,
  effectiveFrom: string,
): Promise<void> {
  const lastDay = LocalDate.addDays(effectiveFrom, -1);
  if (row.effective_from !== null && row.effective_from > lastDay) {
    await m.query(`UPDATE account_versions SET state = 'CANCELLED' WHERE version_id = $1`, [row.version_id]);
    return;
  }
  await m.query(`UPDATE account_versions SET effective_to = $2 WHERE version_id = $1`, [
    row.version_id,
    lastDay,
  ]);
}

function sameAccount(a: AccountDto, b: AccountDto): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// What the change log keeps of the versions: enough to see what changed, by whom and when.
export function versionSummary(rows: readonly AccountVersionRow[]): unknown {
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
