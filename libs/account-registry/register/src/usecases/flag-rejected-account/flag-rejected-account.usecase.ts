import { DispatchAccountRejectedV1 } from '@nemkonto/contracts';
import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogEntry, appendChangeLog } from '../../change-log/change-log';
import { requestLetter } from '../letters/request-letter';
import { commitPartyChange } from '../party-change';
import { AccountVersionRow, accountVersions, lockParty, resolveParty } from '../party-state';
import { versionSummary } from '../register-account.usecase';

export type FlagOutcome = 'FLAGGED' | 'ALREADY_FLAGGED' | 'NOT_IN_FORCE';

// A bank rejected a payment because the beneficiary account is closed or unknown: the account in
// force with exactly that number is flagged (operators and the holder see it) and the holder is
// told by letter to register a working account. Further rejections of the same account change
// nothing. The account stays in the register: only its holder's bank or the holder replaces it.
@Injectable()
export class FlagRejectedAccountUseCase {
  constructor(private readonly outbox: Outbox) {}

  async execute(m: EntityManager, rejection: DispatchAccountRejectedV1, now: Date): Promise<FlagOutcome> {
    const party = await resolveParty(m, rejection.party);
    await lockParty(m, party);
    const versions = await accountVersions(m, party);
    const target = versions.find(
      (v: AccountVersionRow) =>
        v.state === 'ACTIVE' && v.effective_to === null && sameAccount(v.account, rejection.account),
    );
    if (!target) return 'NOT_IN_FORCE';
    const [flag] = (await m.query(
      `UPDATE account_versions SET flagged_at = $2, flag_reason = $3 WHERE version_id = $1 AND flagged_at IS NULL
       RETURNING version_id`,
      [target.version_id, now, `${rejection.reasonCode} (bank ${rejection.bankId})`],
    )) as [unknown[], number];
    if (flag.length === 0) return 'ALREADY_FLAGGED';
    const log: ChangeLogEntry[] = [];
    await requestLetter(
      m,
      this.outbox,
      {
        party,
        template: 'ACCOUNT_FLAGGED',
        versionId: target.version_id,
        account: target.account,
        benefit:
          target.authority_id && target.benefit_type
            ? { authorityId: target.authority_id, benefitType: target.benefit_type }
            : null,
        activationCode: null,
        validUntil: null,
      },
      now,
    );
    await commitPartyChange(m, this.outbox, party, log, {
      action: `FLAG_${target.purpose}`,
      channel: 'SYSTEM',
      actor: `bank:${rejection.bankId}`,
      reason: `${rejection.reasonCode}: a payment was rejected by the bank`,
      before: versionSummary([target]),
      after: { flagged: rejection.reasonCode },
    });
    await appendChangeLog(m, log, now);
    return 'FLAGGED';
  }
}

function sameAccount(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
