import { CompanyStateDto, PersonStateDto } from '@nemkonto/contracts';
import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeLogEntry, appendChangeLog } from '../../change-log/change-log';
import { moveCprNumber } from './move-cpr-number';
import { PartyStatusUpdate, StatusOutcome, applyPartyStatuses } from './apply-party-statuses';

export interface PersonsOutcome extends StatusOutcome {
  readonly moved: number;
}

// What the register does with person and company states from cpr-cvr-sync: CPR-number changes
// move accounts and history to the new number; statuses end-mark NemKonti (death, bankruptcy,
// ceased company), for a company's SE and P numbers too. Runs in the consumer's transaction.
@Injectable()
export class ApplyCprCvrStatesUseCase {
  constructor(private readonly outbox: Outbox) {}

  async persons(
    m: EntityManager,
    source: string,
    kind: 'INITIAL_LOAD' | 'CHANGE',
    persons: readonly PersonStateDto[],
    now: Date,
  ): Promise<PersonsOutcome> {
    const log: ChangeLogEntry[] = [];
    let moved = 0;
    const byAge = [...persons].sort((a, b) => a.sequenceNo - b.sequenceNo);
    for (const p of byAge) {
      if (p.previousCpr !== null && p.previousCpr !== p.cpr)
        if (
          await moveCprNumber(m, this.outbox, p.previousCpr, p.cpr, `${source} sequence ${p.sequenceNo}`, log)
        )
          moved += 1;
    }
    const updates: PartyStatusUpdate[] = persons.map((p) => ({
      party: { kind: 'CPR', value: p.cpr },
      status: p.status,
      statusDate: p.statusDate,
      sequenceNo: p.sequenceNo,
      parentCvr: null,
    }));
    const outcome = await applyPartyStatuses(m, this.outbox, source, updates, kind === 'INITIAL_LOAD', log);
    await appendChangeLog(m, log, now);
    return { ...outcome, moved };
  }

  async companies(
    m: EntityManager,
    source: string,
    kind: 'INITIAL_LOAD' | 'CHANGE',
    companies: readonly CompanyStateDto[],
    now: Date,
  ): Promise<StatusOutcome> {
    const log: ChangeLogEntry[] = [];
    const updates: PartyStatusUpdate[] = companies.flatMap((c) => {
      const common = { status: c.status, statusDate: c.statusDate, sequenceNo: c.sequenceNo };
      return [
        { ...common, party: { kind: 'CVR' as const, value: c.cvr }, parentCvr: null },
        ...c.seNumbers.map((se) => ({
          ...common,
          party: { kind: 'SE' as const, value: se },
          parentCvr: c.cvr,
        })),
        ...c.pNumbers.map((p) => ({ ...common, party: { kind: 'P' as const, value: p }, parentCvr: c.cvr })),
      ];
    });
    const outcome = await applyPartyStatuses(m, this.outbox, source, updates, kind === 'INITIAL_LOAD', log);
    await appendChangeLog(m, log, now);
    return outcome;
  }
}
