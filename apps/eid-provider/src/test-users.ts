import { EidClaims, EidLoa } from '@nemkonto/contracts';

// The development eID provider's test users, in the spirit of MitID's test tool: private persons
// (a CPR number), employees of companies (MitID Erhverv: the employer's CVR), caseworkers of an
// authority and an operator of the NemKonto office. Every number here is a valid test number.
export interface TestUser {
  readonly id: string;
  readonly label: string;
  readonly fullName: string;
  readonly loa: EidLoa;
  readonly cpr?: string;
  readonly professional?: { readonly cvr: string; readonly orgName: string; readonly uuid: string };
}

export const TEST_USERS: readonly TestUser[] = [
  {
    id: 'anna',
    label: 'Anna Hansen (citizen)',
    fullName: 'Anna Hansen',
    loa: 'Substantial',
    cpr: '0101801234',
  },
  {
    id: 'mads',
    label: 'Mads Nielsen (citizen)',
    fullName: 'Mads Nielsen',
    loa: 'Substantial',
    cpr: '1203751231',
  },
  { id: 'sofie', label: 'Sofie Jensen (citizen)', fullName: 'Sofie Jensen', loa: 'High', cpr: '2912045678' },
  {
    id: 'low',
    label: 'Lars Lav (citizen, low assurance)',
    fullName: 'Lars Lav',
    loa: 'Low',
    cpr: '0505651111',
  },
  {
    id: 'firma',
    label: 'Karen Berg, Pi Consult ApS (business)',
    fullName: 'Karen Berg',
    loa: 'Substantial',
    professional: {
      cvr: '31415926',
      orgName: 'Pi Consult ApS',
      uuid: '5a1f0c7e-3b7d-4f7a-9c61-0f1e2d3c4b5a',
    },
  },
  {
    id: 'sagsbehandler',
    label: 'Peter Holm, Udbetaling Danmark (caseworker)',
    fullName: 'Peter Holm',
    loa: 'Substantial',
    professional: {
      cvr: '29980608',
      orgName: 'Udbetaling Danmark',
      uuid: '0c6a7f5e-8d1b-4e2a-b3c4-d5e6f7a8b9c0',
    },
  },
  {
    id: 'operatoer',
    label: 'Ida Krog, Kontor for NemKonto (operator)',
    fullName: 'Ida Krog',
    loa: 'High',
    professional: {
      cvr: '34051178',
      orgName: 'Digitaliseringsstyrelsen',
      uuid: '9f8e7d6c-5b4a-4392-8172-6a5b4c3d2e1f',
    },
  },
];

// The claims the ID token carries for a user, in NemLog-in's vocabulary.
export function claimsOf(user: TestUser): Record<string, string> {
  const claims: Record<string, string> = {
    [EidClaims.specVersion]: 'OIO-SAML-3.0',
    [EidClaims.loa]: user.loa,
    [EidClaims.fullName]: user.fullName,
  };
  if (user.cpr) {
    claims[EidClaims.cprNumber] = user.cpr;
    claims[EidClaims.personPid] = `9208-2002-2-${user.id.padEnd(12, '0').slice(0, 12)}`;
  }
  if (user.professional) {
    claims[EidClaims.professionalCvr] = user.professional.cvr;
    claims[EidClaims.professionalOrgName] = user.professional.orgName;
    claims[EidClaims.professionalUuid] = user.professional.uuid;
  }
  return claims;
}
