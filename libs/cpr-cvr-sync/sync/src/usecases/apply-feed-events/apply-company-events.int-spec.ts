// The apply rules for companies against the real Postgres: every company event kind, SE and P
// numbers (also ahead of their company), and sources refusing the other register's events.
import { aCompanyCreated, aPersonCreated, anAddress } from '@nemkonto/cpr-cvr-sync-feed-format';
import { Logger } from '@nestjs/common';
import { CVR, d, useApplyFeedEvents } from '../../integration/apply-feed-events.fixture';

jest.setTimeout(60_000);
Logger.overrideLogger(false);

describe('ApplyFeedEventsUseCase: companies (real Postgres)', () => {
  const { query, apply, publishedCompanies } = useApplyFeedEvents('syncapplyco');

  it('applies every kind of company event, with SE and P numbers', async () => {
    await apply('CVR', [
      aCompanyCreated({ cvr: CVR, sequenceNo: 1 }),
      {
        type: 'company.p-number-added',
        sequenceNo: 2,
        effectiveDate: d,
        cvr: CVR,
        pNumber: '1012345678',
        address: null,
      },
      {
        type: 'company.se-number-added',
        sequenceNo: 3,
        effectiveDate: d,
        cvr: CVR,
        seNumber: '31234563',
        address: anAddress(),
      },
    ]);
    expect((await publishedCompanies()).at(-1)).toEqual({
      sequenceNo: 3,
      cvr: CVR,
      seNumbers: ['31234563'],
      pNumbers: ['1012345678'],
      status: 'ACTIVE',
      statusDate: null,
      name: 'Jysk Tømrer & Byg ApS',
    });
    await apply('CVR', [
      { type: 'company.name-changed', sequenceNo: 4, effectiveDate: d, cvr: CVR, name: 'Nordisk Data A/S' },
    ]);
    await apply('CVR', [
      {
        type: 'company.address-changed',
        sequenceNo: 5,
        effectiveDate: d,
        cvr: CVR,
        address: anAddress({ city: 'Vejle' }),
      },
    ]);
    await apply('CVR', [
      {
        type: 'company.p-number-added',
        sequenceNo: 6,
        effectiveDate: d,
        cvr: CVR,
        pNumber: '1012345679',
        address: anAddress(),
      },
    ]);
    await apply('CVR', [
      {
        type: 'company.status-changed',
        sequenceNo: 7,
        effectiveDate: d,
        cvr: CVR,
        status: 'BANKRUPT',
        statusDate: '2026-01-30',
      },
    ]);
    const states = await publishedCompanies();
    expect(states.map((s) => s.sequenceNo)).toEqual([3, 4, 6, 7]);
    expect(states.at(-1)).toMatchObject({
      name: 'Nordisk Data A/S',
      status: 'BANKRUPT',
      statusDate: '2026-01-30',
      pNumbers: ['1012345678', '1012345679'],
    });
    await apply('CVR', [
      {
        type: 'company.status-changed',
        sequenceNo: 8,
        effectiveDate: d,
        cvr: CVR,
        status: 'CEASED',
        statusDate: '2026-02-28',
      },
    ]);
    expect((await publishedCompanies()).at(-1)).toMatchObject({ status: 'CEASED', statusDate: '2026-02-28' });
  });

  it('keeps an SE number that arrives before its company, and publishes once the company is known', async () => {
    await query(`UPDATE feed_sources SET last_contiguous = 9 WHERE source = 'CVR'`);
    await apply('CVR', [
      {
        type: 'company.se-number-added',
        sequenceNo: 11,
        effectiveDate: d,
        cvr: CVR,
        seNumber: '31234563',
        address: null,
      },
    ]);
    expect(await publishedCompanies()).toEqual([]);
    await apply('CVR', [aCompanyCreated({ cvr: CVR, sequenceNo: 10 })]);
    expect(await publishedCompanies()).toMatchObject([{ cvr: CVR, seNumbers: ['31234563'], sequenceNo: 11 }]);
  });

  it('refuses events of the other register for a source', async () => {
    await expect(apply('CPR', [aCompanyCreated()])).rejects.toThrow(/source CPR feeds persons/);
    await expect(apply('XYZ', [aPersonCreated()])).rejects.toThrow(/unknown feed source/);
  });
});
