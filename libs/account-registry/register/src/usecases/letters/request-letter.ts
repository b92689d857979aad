import { AccountDto } from '@nemkonto/contracts';
import { Outbox } from '@nemkonto/platform-messaging';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PartyKey } from '../party-state';

export interface LetterRequest {
  readonly party: PartyKey;
  readonly template: 'ACTIVATION' | 'ACCOUNT_FLAGGED';
  readonly versionId: string;
  readonly account: AccountDto;
  readonly benefit: { readonly authorityId: string; readonly benefitType: string } | null;
  readonly activationCode: string | null;
  readonly validUntil: string | null;
}

// A letter by post to the party's CPR/CVR address (never e-mail or Digital Post): recorded here,
// addressed and printed by cpr-cvr-sync, whose answer (sync.letter-addressed) sets the outcome.
export async function requestLetter(
  m: EntityManager,
  outbox: Outbox,
  letter: LetterRequest,
  now: Date,
): Promise<string> {
  const letterId = randomUUID();
  await m.query(
    `INSERT INTO letters (letter_id, party_kind, party_id, version_id, template, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [letterId, letter.party.kind, letter.party.value, letter.versionId, letter.template, now],
  );
  await outbox.enqueue(m, 'registry.letter-requested', {
    letterId,
    party: { kind: letter.party.kind, value: letter.party.value },
    template: letter.template,
    activationCode: letter.activationCode,
    validUntil: letter.validUntil,
    account: letter.account,
    benefit: letter.benefit,
  });
  return letterId;
}
