import {
  CompanyEvent,
  FeedEvent,
  PersonEvent,
  PersonNumberChanged,
  SourceKind,
  isPersonEvent,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { CausalMeta, Outbox } from '@nemkonto/platform-messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GapChanges, SequenceTracker } from '../../sequencing/sequence-tracker';
import { admit } from '../../sequencing/sequence-window';
import { SyncError, SyncErrorCode } from '../../sync.errors';
import { foldCompanyEvents, touchesPublishedCompany } from './company-aspects';
import { CompanyStore } from './company.store';
import { chunks, companyState, personState } from './party-states';
import { foldPersonEvents, touchesPublishedState } from './person-aspects';
import { PersonStore } from './person.store';

export interface ApplyResult {
  readonly applied: number;
  readonly duplicates: number;
  // Party states published (sync.person-changed / sync.company-changed).
  readonly published: number;
  readonly gaps: GapChanges;
}

export function partyKindOf(e: FeedEvent): SourceKind {
  return isPersonEvent(e) ? 'PERSONS' : 'COMPANIES';
}

// Applies a batch of one source's events, the same way whichever way they came in: sequence
// numbers already received are skipped (replays, redeliveries, the same file again), gaps are
// recorded, each aspect of a party keeps the newest value (so order does not matter), and the
// changed parties' whole states go out through the outbox in the same transaction.
@Injectable()
export class ApplyFeedEventsUseCase {
  constructor(
    private readonly tracker: SequenceTracker,
    private readonly persons: PersonStore,
    private readonly companies: CompanyStore,
    private readonly outbox: Outbox,
  ) {}

  async execute(
    m: EntityManager,
    source: string,
    events: readonly FeedEvent[],
    meta: CausalMeta = {},
  ): Promise<ApplyResult> {
    const opened = await this.tracker.open(m, source);
    const wrong = events.find((e) => partyKindOf(e) !== opened.kind);
    if (wrong) {
      throw new SyncError(
        SyncErrorCode.WRONG_PARTY_KIND,
        `source ${source} feeds ${opened.kind.toLowerCase()}; a ${wrong.type} event does not belong to it`,
      );
    }
    const admission = admit(
      opened.window,
      events.map((e) => e.sequenceNo),
    );
    const unseen = new Set(admission.fresh);
    // The first event with a sequence number counts; a repeat in the same batch is a duplicate.
    const fresh = events.filter((e) => unseen.delete(e.sequenceNo));
    const published =
      opened.kind === 'PERSONS'
        ? await this.applyPersons(m, source, fresh as PersonEvent[], meta)
        : await this.applyCompanies(m, source, fresh as CompanyEvent[], meta);
    const gaps = await this.tracker.save(m, source, opened.window, admission.window);
    return { applied: fresh.length, duplicates: events.length - fresh.length, published, gaps };
  }

  private async applyPersons(
    m: EntityManager,
    source: string,
    events: readonly PersonEvent[],
    meta: CausalMeta,
  ): Promise<number> {
    if (events.length === 0) return 0;
    // Current number → the number the registry knew the person by (set on a number change).
    const previous = new Map<string, string>();
    const numberChanges = events
      .filter((e): e is PersonNumberChanged => e.type === 'person.number-changed')
      .sort((a, b) => a.sequenceNo - b.sequenceNo);
    for (const change of numberChanges) {
      if ((await this.persons.changeNumber(m, change)) === 'superseded') continue;
      // a → b → c in one batch: the registry knows a, so c is published with previousCpr a.
      previous.set(change.cpr, previous.get(change.previousCpr) ?? change.previousCpr);
      previous.delete(change.previousCpr);
    }
    const others = events.filter((e) => e.type !== 'person.number-changed');
    const current = await this.persons.resolve(
      m,
      others.map((e) => e.cpr),
    );
    const targeted = others.map((event) => ({ event, target: current.get(event.cpr) ?? event.cpr }));
    // An event that still names an old number tells the registry about the move too.
    for (const t of targeted) {
      if (t.target !== t.event.cpr && !previous.has(t.target)) previous.set(t.target, t.event.cpr);
    }
    const folded = new Map(foldPersonEvents(targeted).map((a) => [a.cpr, a]));
    const changed = await this.persons.upsertAspects(m, [...folded.values()]);
    const toPublish = new Set(previous.keys());
    for (const c of changed) {
      const aspects = folded.get(c.cpr);
      if (c.complete && aspects && touchesPublishedState(aspects)) toPublish.add(c.cpr);
    }
    const states = (await this.persons.states(m, [...toPublish])).map((r) =>
      personState(r, previous.get(r.cpr) ?? null),
    );
    await this.outbox.enqueueMany(
      m,
      chunks(states).map((persons) => ({
        type: 'sync.person-changed' as const,
        payload: { source, kind: 'CHANGE' as const, persons },
      })),
      meta,
    );
    return states.length;
  }

  private async applyCompanies(
    m: EntityManager,
    source: string,
    events: readonly CompanyEvent[],
    meta: CausalMeta,
  ): Promise<number> {
    if (events.length === 0) return 0;
    const folded = foldCompanyEvents(events);
    const byCvr = new Map(folded.companies.map((a) => [a.cvr, a]));
    const changed = await this.companies.upsertAspects(m, folded.companies);
    const toPublish = new Set<string>([
      ...(await this.companies.upsertUnits(m, 'se', folded.seNumbers)),
      ...(await this.companies.upsertUnits(m, 'p', folded.pNumbers)),
    ]);
    for (const c of changed) {
      const aspects = byCvr.get(c.cvr);
      if (c.complete && aspects && touchesPublishedCompany(aspects)) toPublish.add(c.cvr);
    }
    const states = (await this.companies.states(m, [...toPublish])).map(companyState);
    await this.outbox.enqueueMany(
      m,
      chunks(states).map((companies) => ({
        type: 'sync.company-changed' as const,
        payload: { source, kind: 'CHANGE' as const, companies },
      })),
      meta,
    );
    return states.length;
  }
}
