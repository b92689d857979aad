import { copenhagenWallClock } from '@nemkonto/domain';
import { Outbox } from '@nemkonto/platform-messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeLogEntry, appendChangeLog } from '../../change-log/change-log';
import { REGISTRY_SETTINGS, RegistrySettings } from '../../registry.settings';
import { activationCodeMatches } from '../activation/activation-code';
import { commitPartyChange } from '../party-change';
import { PartyKey, accountVersions, lockParty, resolveParty } from '../party-state';
import { RegisterAccountUseCase, endInterval, versionSummary } from '../register-account.usecase';
import { Channel } from '../register-account.usecase';

export interface ActivationAttempt {
  readonly party: PartyKey;
  readonly code: string;
  readonly channel: Extract<Channel, 'SELF_SERVICE' | 'BANK' | 'SYSTEM'>;
  readonly actor: string;
}

export type ActivationResult =
  | {
      readonly ok: true;
      readonly partyVersion: number;
      readonly purpose: 'NEMKONTO' | 'BENEFIT_SPECIFIC';
      readonly effectiveFrom: string;
    }
  | {
      readonly ok: false;
      readonly code: 'NOTHING_PENDING' | 'WRONG_CODE' | 'CODE_EXPIRED' | 'BLOCKED';
      readonly message: string;
      readonly attemptsLeft?: number;
    };

interface PendingRow {
  version_id: string;
  purpose: 'NEMKONTO' | 'BENEFIT_SPECIFIC';
  authority_id: string | null;
  benefit_type: string | null;
  activation_code_sha256: string | null;
  activation_expires_at: Date;
  activation_attempts: number;
}

// The holder enters the 8-digit code from the activation letter. The matching pending account
// becomes ACTIVE and takes effect for payments from the configured banking day; the account it
// replaces is in force until the day before. Wrong codes count against every pending account of
// the party, and the limit blocks them (a new assignment, and letter, is then needed).
@Injectable()
export class ActivateAccountUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly register: RegisterAccountUseCase,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
  ) {}

  execute(attempt: ActivationAttempt, now: Date): Promise<ActivationResult> {
    return this.dataSource.transaction(async (m) => {
      const log: ChangeLogEntry[] = [];
      const result = await this.activate(m, attempt, now, log);
      await appendChangeLog(m, log, now);
      return result;
    });
  }

  private async activate(
    m: EntityManager,
    attempt: ActivationAttempt,
    now: Date,
    log: ChangeLogEntry[],
  ): Promise<ActivationResult> {
    const party = await resolveParty(m, attempt.party);
    await lockParty(m, party);
    const pending = (await m.query(
      `SELECT version_id, purpose, authority_id, benefit_type, activation_code_sha256, activation_expires_at, activation_attempts
         FROM account_versions WHERE party_kind = $1 AND party_id = $2 AND state = 'PENDING'`,
      [party.kind, party.value],
    )) as PendingRow[];
    if (pending.length === 0)
      return { ok: false, code: 'NOTHING_PENDING', message: 'no account is waiting for activation' };
    const match = pending.find((p) =>
      activationCodeMatches(this.settings.codeSecret, p.version_id, attempt.code, p.activation_code_sha256),
    );
    if (!match) return this.wrongCode(m, party, pending, attempt, log);
    if (match.activation_expires_at.getTime() <= now.getTime())
      return {
        ok: false,
        code: 'CODE_EXPIRED',
        message: 'the code has expired: the account must be assigned again',
      };

    const same = (r: {
      purpose: string;
      authority_id: string | null;
      benefit_type: string | null;
    }): boolean =>
      r.purpose === match.purpose &&
      r.authority_id === match.authority_id &&
      r.benefit_type === match.benefit_type;
    const before = (await accountVersions(m, party)).filter(same);
    const inForce = before.find((r) => r.state === 'ACTIVE' && r.effective_to === null);
    const effectiveFrom = this.register.effectiveFrom(copenhagenWallClock(now).date);
    if (inForce) await endInterval(m, inForce, effectiveFrom);
    await m.query(
      `UPDATE account_versions SET state = 'ACTIVE', activated_at = $2, effective_from = $3 WHERE version_id = $1`,
      [match.version_id, now, effectiveFrom],
    );
    const after = (await accountVersions(m, party)).filter(same);
    const partyVersion = await commitPartyChange(m, this.outbox, party, log, {
      action: `ACTIVATE_${match.purpose}`,
      channel: attempt.channel,
      actor: attempt.actor,
      reason: null,
      before: versionSummary(before),
      after: versionSummary(after),
    });
    return { ok: true, partyVersion, purpose: match.purpose, effectiveFrom };
  }

  private async wrongCode(
    m: EntityManager,
    party: PartyKey,
    pending: readonly PendingRow[],
    attempt: ActivationAttempt,
    log: ChangeLogEntry[],
  ): Promise<ActivationResult> {
    const attempts = Math.max(...pending.map((p) => p.activation_attempts)) + 1;
    const ids = pending.map((p) => p.version_id);
    if (attempts < this.settings.activationMaxAttempts) {
      await m.query(
        `UPDATE account_versions SET activation_attempts = $2 WHERE version_id = ANY($1::uuid[])`,
        [ids, attempts],
      );
      return {
        ok: false,
        code: 'WRONG_CODE',
        message: 'the code does not match an account waiting for activation',
        attemptsLeft: this.settings.activationMaxAttempts - attempts,
      };
    }
    const before = (await accountVersions(m, party)).filter((r) => ids.includes(r.version_id));
    await m.query(
      `UPDATE account_versions SET activation_attempts = $2, state = 'BLOCKED' WHERE version_id = ANY($1::uuid[])`,
      [ids, attempts],
    );
    await commitPartyChange(m, this.outbox, party, log, {
      action: 'BLOCK_PENDING',
      channel: attempt.channel,
      actor: attempt.actor,
      reason: `${attempts} wrong activation codes`,
      before: versionSummary(before),
      after: [],
    });
    return {
      ok: false,
      code: 'BLOCKED',
      message: 'too many wrong codes: the pending account is blocked and must be assigned again',
      attemptsLeft: 0,
    };
  }
}
