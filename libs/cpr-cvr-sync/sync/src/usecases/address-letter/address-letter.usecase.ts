import {
  PartnerDocumentTypes,
  PartnerExchanges,
  PRINT_SERVICE_ID,
  RegistryLetterRequestedV1,
  SyncLetterAddressedV1,
} from '@nemkonto/contracts';
import { FeedAddress } from '@nemkonto/cpr-cvr-sync-feed-format';
import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { syncMetrics } from '../../sync.metrics';
import { COMPANY_COMPLETE } from '../apply-feed-events/company.store';
import { PERSON_COMPLETE, PersonStore } from '../apply-feed-events/person.store';
import { letterDocument } from './letter-document';

// Why a letter cannot go out. LIVE CODES: the registry reads them (sync.letter-addressed).
export type UndeliverableReason = 'UNKNOWN_PARTY' | 'DEAD' | 'BANKRUPT' | 'CEASED' | 'NO_ADDRESS';

type Recipient =
  | { readonly ok: true; readonly name: string; readonly address: FeedAddress }
  | { readonly ok: false; readonly reason: UndeliverableReason };

interface AddressColumns {
  street: string | null;
  house_no: string | null;
  floor: string | null;
  door: string | null;
  postcode: string | null;
  city: string | null;
}

const postal = (r: AddressColumns): FeedAddress | null =>
  r.street === null || r.postcode === null || r.city === null
    ? null
    : {
        street: r.street,
        houseNo: r.house_no,
        floor: r.floor,
        door: r.door,
        postcode: r.postcode,
        city: r.city,
      };

// Addresses a letter the registry asked for with the CPR/CVR name and address (a protected
// person's too: a letter is not a disclosure) and hands it to the print service through the
// outbox; dead persons, bankrupt or ceased companies, unknown parties and missing addresses get
// no letter. Idempotent on letterId: a letter asked for again is neither printed nor answered again.
@Injectable()
export class AddressLetterUseCase {
  private readonly logger = new Logger(AddressLetterUseCase.name);

  constructor(
    private readonly persons: PersonStore,
    private readonly outbox: Outbox,
  ) {}

  async execute(m: EntityManager, req: RegistryLetterRequestedV1): Promise<SyncLetterAddressedV1 | null> {
    const seen = (await m.query(`SELECT 1 FROM letters WHERE letter_id = $1`, [req.letterId])) as unknown[];
    if (seen.length > 0) return null;
    const recipient = await this.recipient(m, req.party);
    const answer: SyncLetterAddressedV1 = recipient.ok
      ? { letterId: req.letterId, outcome: 'SENT', reasonCode: null }
      : { letterId: req.letterId, outcome: 'UNDELIVERABLE', reasonCode: recipient.reason };
    const inserted = (await m.query(
      `INSERT INTO letters (letter_id, template, party_kind, party_id, outcome, reason_code) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (letter_id) DO NOTHING RETURNING letter_id`,
      [req.letterId, req.template, req.party.kind, req.party.value, answer.outcome, answer.reasonCode],
    )) as unknown[];
    if (inserted.length === 0) return null;
    if (recipient.ok) {
      await this.outbox.enqueueDocuments(m, [
        {
          documentId: req.letterId,
          exchange: PartnerExchanges.letters,
          routingKey: PRINT_SERVICE_ID,
          type: PartnerDocumentTypes.letter,
          text: JSON.stringify(letterDocument(req, recipient.name, recipient.address)),
          charset: 'utf-8',
          contentType: 'application/json',
          correlationId: req.letterId,
        },
      ]);
    }
    syncMetrics.letters.inc({ outcome: answer.outcome, reason: answer.reasonCode ?? 'none' });
    this.logger.log(
      {
        letterId: req.letterId,
        template: req.template,
        partyKind: req.party.kind,
        outcome: answer.outcome,
        reason: answer.reasonCode,
      },
      'letter addressed',
    );
    return answer;
  }

  private async recipient(m: EntityManager, party: RegistryLetterRequestedV1['party']): Promise<Recipient> {
    switch (party.kind) {
      case 'CPR':
        return this.person(m, party.value);
      case 'CVR':
        return this.company(
          m,
          `SELECT c.*, ${COMPANY_COMPLETE} AS complete, NULL AS unit_street FROM companies c WHERE cvr = $1`,
          party.value,
        );
      case 'SE':
        return this.company(m, UNIT_SQL('company_se_numbers', 'se_number'), party.value);
      case 'P':
        return this.company(m, UNIT_SQL('company_p_numbers', 'p_number'), party.value);
      default: {
        const unknown: never = party.kind;
        throw new Error(`unknown party kind ${String(unknown)}`);
      }
    }
  }

  private async person(m: EntityManager, cpr: string): Promise<Recipient> {
    const current = (await this.persons.resolve(m, [cpr])).get(cpr) ?? cpr;
    const [p] = (await m.query(`SELECT * FROM persons WHERE cpr = $1 AND ${PERSON_COMPLETE}`, [
      current,
    ])) as (AddressColumns & {
      status: string;
      first_names: string;
      last_name: string;
    })[];
    if (!p) return { ok: false, reason: 'UNKNOWN_PARTY' };
    if (p.status === 'D') return { ok: false, reason: 'DEAD' };
    const address = postal(p);
    if (!address) return { ok: false, reason: 'NO_ADDRESS' };
    return { ok: true, name: `${p.first_names} ${p.last_name}`, address };
  }

  private async company(m: EntityManager, sql: string, id: string): Promise<Recipient> {
    const [c] = (await m.query(sql, [id])) as (AddressColumns & {
      status: string;
      name: string | null;
      complete: boolean;
      unit_street: string | null;
      u_house_no?: string | null;
      u_floor?: string | null;
      u_door?: string | null;
      u_postcode?: string | null;
      u_city?: string | null;
    })[];
    if (!c || !c.complete || c.name === null) return { ok: false, reason: 'UNKNOWN_PARTY' };
    if (c.status === 'B') return { ok: false, reason: 'BANKRUPT' };
    if (c.status === 'C') return { ok: false, reason: 'CEASED' };
    // An SE or P number is written to at its own address if it has one, else the company's.
    const address =
      c.unit_street !== null
        ? postal({
            street: c.unit_street,
            house_no: c.u_house_no ?? null,
            floor: c.u_floor ?? null,
            door: c.u_door ?? null,
            postcode: c.u_postcode ?? null,
            city: c.u_city ?? null,
          })
        : postal(c);
    if (!address) return { ok: false, reason: 'NO_ADDRESS' };
    return { ok: true, name: c.name, address };
  }
}

const UNIT_SQL = (table: string, column: string): string =>
  `SELECT c.*, ${COMPANY_COMPLETE} AS complete, u.street AS unit_street, u.house_no AS u_house_no, u.floor AS u_floor, u.door AS u_door,
          u.postcode AS u_postcode, u.city AS u_city
     FROM ${table} u JOIN companies c ON c.cvr = u.cvr WHERE u.${column} = $1`;
