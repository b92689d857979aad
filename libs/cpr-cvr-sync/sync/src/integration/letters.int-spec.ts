// Letters the registry asks for, through cpr-cvr-sync as a real process: addressed with the
// CPR/CVR name and address and handed to the print service (print.letters), or refused with a
// reason; answered with sync.letter-addressed; idempotent on the letter id.
import { RegistryLetterRequestedV1, SyncLetterAddressedV1 } from '@nemkonto/contracts';
import {
  FeedEvent,
  aCompanyCreated,
  aPersonCreated,
  anAddress,
  writeDataRecord,
  writeEndRecord,
  writeStartRecord,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { expectEventually } from '@nemkonto/testing';
import { randomUUID } from 'node:crypto';
import { SyncServiceFixture } from './sync-service.fixture';

jest.setTimeout(120_000);

const d = '2026-02-01';
const PERSON = '2110625629';
const PROTECTED = '0101505123';
const DEAD = '1503802345';
const EMIGRATED = '0202020202';
const COMPANY = '13748136';
const BANKRUPT = '10004829';
const CEASED = '10007399';
const NO_ADDRESS = '10010632';
const SE = '31234563';
const P_OWN = '1012345678';

function file(source: string, events: FeedEvent[]): Buffer {
  const lines = [
    writeStartRecord({
      source,
      kind: 'INITIAL',
      firstSequenceNo: 1,
      lastSequenceNo: events.length,
      createdAt: '2026-02-01T05:00:00',
    }),
    ...events.map(writeDataRecord),
    writeEndRecord(events.length),
  ];
  return Buffer.from(lines.join('\n') + '\n', 'latin1');
}

describe('cpr-cvr-sync: letters (a real process)', () => {
  const sync = new SyncServiceFixture();
  const answers = (): SyncLetterAddressedV1[] => sync.payloads('sync.letter-addressed');

  const request = (
    party: RegistryLetterRequestedV1['party'],
    overrides: Partial<RegistryLetterRequestedV1> = {},
  ): RegistryLetterRequestedV1 => ({
    letterId: randomUUID(),
    party,
    template: 'ACTIVATION',
    activationCode: '48213377',
    validUntil: '2026-03-31',
    account: { kind: 'DK', regNo: '3001', accountNo: '12345678' },
    benefit: null,
    ...overrides,
  });
  const answerTo = async (req: RegistryLetterRequestedV1): Promise<SyncLetterAddressedV1> => {
    await sync.send('registry.letter-requested', req);
    return expectEventually(() => {
      const a = answers().find((x) => x.letterId === req.letterId);
      expect(a).toBeDefined();
      return a as SyncLetterAddressedV1;
    });
  };

  beforeAll(async () => {
    await sync.start('syncletters');
    const persons = file('CPR', [
      aPersonCreated({ cpr: PERSON, sequenceNo: 1 }),
      aPersonCreated({
        cpr: PROTECTED,
        sequenceNo: 2,
        firstNames: 'Hemmelig',
        lastName: 'Person',
        protected: true,
        address: anAddress({
          street: 'Skjultvej',
          houseNo: '9',
          floor: null,
          door: null,
          postcode: '9000',
          city: 'Aalborg',
        }),
      }),
      aPersonCreated({ cpr: DEAD, sequenceNo: 3, status: 'DEAD', statusDate: '2026-01-02' }),
      aPersonCreated({
        cpr: EMIGRATED,
        sequenceNo: 4,
        status: 'EMIGRATED',
        statusDate: '2025-12-01',
        address: null,
      }),
    ]);
    const companies = file('CVR', [
      aCompanyCreated({ cvr: COMPANY, sequenceNo: 1 }),
      {
        type: 'company.se-number-added',
        sequenceNo: 2,
        effectiveDate: d,
        cvr: COMPANY,
        seNumber: SE,
        address: null,
      },
      {
        type: 'company.p-number-added',
        sequenceNo: 3,
        effectiveDate: d,
        cvr: COMPANY,
        pNumber: P_OWN,
        address: anAddress({
          street: 'Havnegade',
          houseNo: '2',
          floor: null,
          door: null,
          postcode: '6700',
          city: 'Esbjerg',
        }),
      },
      aCompanyCreated({ cvr: BANKRUPT, sequenceNo: 4, status: 'BANKRUPT', statusDate: '2026-01-10' }),
      aCompanyCreated({ cvr: CEASED, sequenceNo: 5, status: 'CEASED', statusDate: '2025-11-10' }),
      aCompanyCreated({ cvr: NO_ADDRESS, sequenceNo: 6, address: null }),
    ]);
    expect((await sync.http('POST', '/operator/feed/files?name=cpr.txt', persons)).status).toBe(200);
    expect((await sync.http('POST', '/operator/feed/files?name=cvr.txt', companies)).status).toBe(200);
  });
  afterAll(() => sync.stop());

  it('addresses an activation letter with the CPR name and address and hands it to the print service', async () => {
    const req = request({ kind: 'CPR', value: PERSON });
    expect(await answerTo(req)).toEqual({ letterId: req.letterId, outcome: 'SENT', reasonCode: null });
    const letter = await expectEventually(() => {
      const l = sync.letters.find((x) => x.messageId === req.letterId);
      expect(l).toBeDefined();
      return l!;
    });
    expect(letter.body).toMatchObject({
      letterId: req.letterId,
      template: 'ACTIVATION',
      language: 'da',
      recipient: {
        name: 'Søren Ærø Højgaard',
        addressLines: ['Østergade 12B, 2. tv', '8000 Aarhus C'],
        country: 'DK',
      },
      subject: 'Aktivering af din NemKonto',
      activationCode: '48213377',
      validUntil: '2026-03-31',
    });
    const text = (letter.body['paragraphs'] as string[]).join(' ');
    expect(text).toContain('reg.nr. 3001 konto ****5678');
    expect(text).toContain('aktiveringskoden 48213377');
    expect(text).toContain('31. marts 2026');
    // The account number is never in full on paper.
    expect(text).not.toContain('12345678');
  });

  it('writes to a protected person at the protected address (a letter is not a disclosure)', async () => {
    const req = request(
      { kind: 'CPR', value: PROTECTED },
      { template: 'ACCOUNT_FLAGGED', activationCode: null, validUntil: null },
    );
    expect((await answerTo(req)).outcome).toBe('SENT');
    await expectEventually(() =>
      expect(sync.letters.find((x) => x.messageId === req.letterId)?.body).toMatchObject({
        subject: 'Din NemKonto kan ikke modtage udbetalinger',
        recipient: { name: 'Hemmelig Person', addressLines: ['Skjultvej 9', '9000 Aalborg'] },
      }),
    );
    // Nothing published names the protected person.
    expect(JSON.stringify(sync.published)).not.toMatch(/Hemmelig|Skjultvej/);
  });

  it('addresses an SE number at its company and a P number at its own address', async () => {
    const se = request({ kind: 'SE', value: SE });
    const p = request({ kind: 'P', value: P_OWN });
    const cvr = request({ kind: 'CVR', value: COMPANY });
    for (const r of [se, p, cvr]) expect((await answerTo(r)).outcome).toBe('SENT');
    await expectEventually(() =>
      expect(sync.letters.filter((l) => [se, p, cvr].some((r) => r.letterId === l.messageId))).toHaveLength(
        3,
      ),
    );
    const body = (r: RegistryLetterRequestedV1) => sync.letters.find((l) => l.messageId === r.letterId)?.body;
    expect(body(se)).toMatchObject({
      recipient: { name: 'Jysk Tømrer & Byg ApS', addressLines: ['Industrivej 7', '7100 Vejle'] },
    });
    expect(body(p)).toMatchObject({
      recipient: { name: 'Jysk Tømrer & Byg ApS', addressLines: ['Havnegade 2', '6700 Esbjerg'] },
    });
    expect(body(cvr)).toMatchObject({ recipient: { addressLines: ['Industrivej 7', '7100 Vejle'] } });
  });

  it.each([
    ['a dead person', 'DEAD', { kind: 'CPR', value: DEAD }],
    ['an emigrated person (no Danish address)', 'NO_ADDRESS', { kind: 'CPR', value: EMIGRATED }],
    ['an unknown person', 'UNKNOWN_PARTY', { kind: 'CPR', value: '0303030303' }],
    ['a bankrupt company', 'BANKRUPT', { kind: 'CVR', value: BANKRUPT }],
    ['a ceased company', 'CEASED', { kind: 'CVR', value: CEASED }],
    ['a company without an address', 'NO_ADDRESS', { kind: 'CVR', value: NO_ADDRESS }],
    ['an unknown P number', 'UNKNOWN_PARTY', { kind: 'P', value: '1999999999' }],
  ] as const)('refuses a letter to %s: UNDELIVERABLE %s', async (_, reason, party) => {
    const req = request(party);
    expect(await answerTo(req)).toEqual({
      letterId: req.letterId,
      outcome: 'UNDELIVERABLE',
      reasonCode: reason,
    });
    expect(sync.letters.find((l) => l.messageId === req.letterId)).toBeUndefined();
  });

  it('prints and answers a letter once, however often it is asked for', async () => {
    const req = request({ kind: 'CPR', value: PERSON });
    await answerTo(req);
    // The same letter again (a new message, the same letter id), then a marker letter.
    await sync.send('registry.letter-requested', req);
    const marker = request({ kind: 'CVR', value: COMPANY });
    await answerTo(marker);
    await expectEventually(() =>
      expect(sync.letters.find((l) => l.messageId === marker.letterId)).toBeDefined(),
    );
    expect(sync.letters.filter((l) => l.messageId === req.letterId)).toHaveLength(1);
    expect(answers().filter((a) => a.letterId === req.letterId)).toHaveLength(1);
  });
});
