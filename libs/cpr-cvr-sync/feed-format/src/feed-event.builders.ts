import {
  CompanyCreated,
  CompanyEvent,
  FeedAddress,
  FeedEvent,
  PersonCreated,
  PersonEvent,
} from './feed-event';

// Test data: valid events with overrides. CPR 2110625629 meets modulus 11, 0101505123 does not
// (both are valid); CVR 13748136 is the Erhvervsstyrelsen example.
export const anAddress = (overrides: Partial<FeedAddress> = {}): FeedAddress => ({
  street: 'Østergade',
  houseNo: '12B',
  floor: '2',
  door: 'tv',
  postcode: '8000',
  city: 'Aarhus C',
  ...overrides,
});

export const aPersonCreated = (overrides: Partial<PersonCreated> = {}): PersonCreated => ({
  type: 'person.created',
  sequenceNo: 1,
  effectiveDate: '2026-01-05',
  cpr: '2110625629',
  firstNames: 'Søren Ærø',
  lastName: 'Højgaard',
  address: anAddress(),
  protected: false,
  status: 'ACTIVE',
  statusDate: null,
  ...overrides,
});

export const aCompanyCreated = (overrides: Partial<CompanyCreated> = {}): CompanyCreated => ({
  type: 'company.created',
  sequenceNo: 1,
  effectiveDate: '2026-01-05',
  cvr: '13748136',
  name: 'Jysk Tømrer & Byg ApS',
  address: anAddress({
    street: 'Industrivej',
    houseNo: '7',
    floor: null,
    door: null,
    postcode: '7100',
    city: 'Vejle',
  }),
  status: 'ACTIVE',
  statusDate: null,
  ...overrides,
});

// One event of every person type for one CPR number, in sequence from `from`.
export function everyPersonEvent(cpr = '2110625629', from = 1): PersonEvent[] {
  const d = '2026-02-01';
  return [
    aPersonCreated({ cpr, sequenceNo: from }),
    {
      type: 'person.address-changed',
      sequenceNo: from + 1,
      effectiveDate: d,
      cpr,
      address: anAddress({ street: 'Vestergade', houseNo: '3', floor: null, door: null }),
    },
    { type: 'person.protection-changed', sequenceNo: from + 2, effectiveDate: d, cpr, protected: true },
    {
      type: 'person.status-changed',
      sequenceNo: from + 3,
      effectiveDate: d,
      cpr,
      status: 'EMIGRATED',
      statusDate: '2026-01-31',
    },
    {
      type: 'person.number-changed',
      sequenceNo: from + 4,
      effectiveDate: d,
      cpr: '0101505123',
      previousCpr: cpr,
    },
    {
      type: 'person.name-changed',
      sequenceNo: from + 5,
      effectiveDate: d,
      cpr: '0101505123',
      firstNames: 'Anne',
      lastName: 'Holm',
    },
  ];
}

export function everyCompanyEvent(cvr = '13748136', from = 1): CompanyEvent[] {
  const d = '2026-02-01';
  return [
    aCompanyCreated({ cvr, sequenceNo: from }),
    {
      type: 'company.se-number-added',
      sequenceNo: from + 1,
      effectiveDate: d,
      cvr,
      seNumber: '31234563',
      address: null,
    },
    {
      type: 'company.p-number-added',
      sequenceNo: from + 2,
      effectiveDate: d,
      cvr,
      pNumber: '1012345678',
      address: anAddress(),
    },
    {
      type: 'company.status-changed',
      sequenceNo: from + 3,
      effectiveDate: d,
      cvr,
      status: 'BANKRUPT',
      statusDate: '2026-01-30',
    },
    { type: 'company.name-changed', sequenceNo: from + 4, effectiveDate: d, cvr, name: 'Nordisk Data A/S' },
    { type: 'company.address-changed', sequenceNo: from + 5, effectiveDate: d, cvr, address: null },
  ];
}

export const everyEvent = (): FeedEvent[] => [...everyPersonEvent(), ...everyCompanyEvent()];
