// Identity claims in the vocabulary of NemLog-in (OIOSAML 3 attribute profile), as the eID
// broker's OpenID Connect ID token carries them, so a SAML adapter can map one-to-one later.
// LIVE NAMES: identity providers send exactly these.
export const EidClaims = {
  specVersion: 'https://data.gov.dk/model/core/specVersion',
  loa: 'https://data.gov.dk/concept/core/nsis/loa',
  fullName: 'https://data.gov.dk/model/core/eid/fullName',
  cprNumber: 'https://data.gov.dk/model/core/eid/cprNumber',
  personPid: 'https://data.gov.dk/model/core/eid/person/pid',
  professionalCvr: 'https://data.gov.dk/model/core/eid/professional/cvr',
  professionalOrgName: 'https://data.gov.dk/model/core/eid/professional/orgName',
  professionalUuid: 'https://data.gov.dk/model/core/eid/professional/uuid/persistent',
} as const;

// The scope under which the eID provider releases them.
export const EID_SCOPE = 'openid nemlogin';

// NSIS levels of assurance, lowest first.
export const EID_LOA_LEVELS = ['Low', 'Substantial', 'High'] as const;
export type EidLoa = (typeof EID_LOA_LEVELS)[number];
