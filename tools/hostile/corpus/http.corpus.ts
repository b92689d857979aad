import { Caller, HttpCase } from './hostile-case';

type Service = HttpCase['service'];

// Every protected endpoint of the services besides the registry (whose every endpoint is in
// libs/account-registry/register/src/http/authorization-matrix.int-spec.ts), as its OpenAPI
// document names it; http-hostile.int-spec.ts checks the list is complete.
export const PROTECTED_ENDPOINTS: Readonly<Record<Exclude<Service, 'account-registry'>, readonly string[]>> =
  {
    'payment-intake': ['POST /bundles', 'GET /payments/{endToEndId}', 'GET /bundles/{msgId}/reconciliation'],
    'bank-dispatch': ['GET /interchanges', 'POST /interchanges/{controlRef}/resend'],
    'cpr-cvr-sync': [
      'GET /operator/feed/gaps',
      'GET /operator/feed/files',
      'GET /operator/feed/files/{fileId}',
      'POST /operator/feed/files',
    ],
  };

const SAMPLE_PARAMS: Record<string, string> = {
  '{endToEndId}': 'E2E-1',
  '{msgId}': 'MSG-1',
  '{controlRef}': 'NK000000000001',
  '{fileId}': '00000000-0000-4000-8000-000000000001',
};
const concrete = (path: string): string => path.replace(/\{\w+\}/g, (p) => SAMPLE_PARAMS[p] ?? p);

const CALLERS: readonly Exclude<Caller, 'right'>[] = ['none', 'forged', 'wrong-role'];

const credentialCases: HttpCase[] = Object.entries(PROTECTED_ENDPOINTS).flatMap(([service, ops]) =>
  ops.flatMap((op) =>
    CALLERS.map((caller): HttpCase => {
      const [method, path] = op.split(' ') as ['GET' | 'POST', string];
      return {
        category: 'http',
        name: `${service} ${op}: ${caller === 'none' ? 'no credentials' : caller === 'forged' ? 'a forged token' : "another role's token"}`,
        service: service as Service,
        method,
        path: concrete(path),
        caller,
        expected: { status: 401 },
      };
    }),
  ),
);

// A CPR number put in bodies: no error body may repeat it.
export const BODY_CPR = '0101651001';
const truncatedJson = `{"party":{"kind":"CPR","value":"${BODY_CPR}"},"account":{"kind":"DK","regNo":"0040"`;
const bigJson = (): string =>
  JSON.stringify({ party: { kind: 'CPR', value: BODY_CPR }, pad: 'x'.repeat(5 * 1024 * 1024) });

const body = (
  name: string,
  service: Service,
  method: 'GET' | 'POST',
  path: string,
  raw: string | (() => string),
  expected: HttpCase['expected'],
  caller: Caller = 'right',
): HttpCase => ({
  category: 'http',
  name,
  service,
  method,
  path,
  caller,
  body: { raw: typeof raw === 'string' ? raw : raw(), contentType: 'application/json' },
  expected,
});

const MALFORMED = { status: 400, code: 'MALFORMED_JSON', neverEchoes: [BODY_CPR] } as const;
const TOO_LARGE = { status: 413, code: 'BODY_TOO_LARGE', neverEchoes: [BODY_CPR] } as const;

const bodyCases: HttpCase[] = [
  body(
    'account-registry: malformed JSON',
    'account-registry',
    'POST',
    '/bank/nemkonti',
    truncatedJson,
    MALFORMED,
  ),
  body(
    'account-registry: malformed JSON without credentials (the body is read before the guard)',
    'account-registry',
    'POST',
    '/bank/nemkonti',
    truncatedJson,
    MALFORMED,
    'none',
  ),
  body(
    'account-registry: a 5 MiB JSON body',
    'account-registry',
    'POST',
    '/lookups/batch',
    bigJson,
    TOO_LARGE,
  ),
  body('payment-intake: malformed JSON', 'payment-intake', 'POST', '/bundles', truncatedJson, MALFORMED),
  body('payment-intake: a 5 MiB JSON body', 'payment-intake', 'POST', '/bundles', bigJson, TOO_LARGE),
  body(
    'bank-dispatch: malformed JSON',
    'bank-dispatch',
    'POST',
    '/interchanges/NK000000000001/resend',
    truncatedJson,
    MALFORMED,
  ),
  body(
    'bank-dispatch: a 5 MiB JSON body',
    'bank-dispatch',
    'POST',
    '/interchanges/NK000000000001/resend',
    bigJson,
    TOO_LARGE,
  ),
  body(
    'cpr-cvr-sync: malformed JSON',
    'cpr-cvr-sync',
    'POST',
    '/operator/feed/files',
    truncatedJson,
    MALFORMED,
  ),
  body('cpr-cvr-sync: a 5 MiB JSON body', 'cpr-cvr-sync', 'POST', '/operator/feed/files', bigJson, TOO_LARGE),
];

// Injection-like strings in every field of a bank's registration: each refused with its own
// code and field, the value never repeated.
const registration = (over: { party?: object; account?: object; expectedVersion?: unknown }) => ({
  party: { kind: 'CPR', value: BODY_CPR, ...over.party },
  account: { kind: 'DK', regNo: '3100', accountNo: '0012345678', ...over.account },
  ...(over.expectedVersion === undefined ? {} : { expectedVersion: over.expectedVersion }),
});
const injection = (
  field: string,
  value: string,
  over: Parameters<typeof registration>[0],
  code: string,
  errorField: string,
): HttpCase => ({
  category: 'http',
  name: `account-registry POST /bank/nemkonti: ${field} = ${JSON.stringify(value)}`,
  service: 'account-registry',
  method: 'POST',
  path: '/bank/nemkonti',
  caller: 'right',
  body: { json: registration(over) },
  expected: { status: 400, code, field: errorField, neverEchoes: [BODY_CPR, value] },
});

const injectionCases: HttpCase[] = [
  injection(
    'party.kind',
    "CPR' OR '1'='1",
    { party: { kind: "CPR' OR '1'='1" } },
    'FIELD_MISSING',
    'party.kind',
  ),
  injection('party.kind', 'CP;', { party: { kind: 'CP;' } }, 'PARTY_KIND', 'party.kind'),
  injection('party.value', "0101' OR 1", { party: { value: "0101' OR 1" } }, 'CPR_FORMAT', 'party.value'),
  injection('party.value', '<img src>', { party: { value: '<img src>' } }, 'CPR_FORMAT', 'party.value'),
  injection(
    'account.kind',
    "DK'; DROP TABLE parties;--",
    { account: { kind: "DK'; DROP TABLE parties;--" } },
    'ACCOUNT_KIND',
    'account.kind',
  ),
  injection('account.regNo', "0'--", { account: { regNo: "0'--" } }, 'REG_NO_FORMAT', 'account'),
  injection(
    'account.accountNo',
    "1;DROP--'",
    { account: { accountNo: "1;DROP--'" } },
    'ACCOUNT_NO_FORMAT',
    'account',
  ),
  injection(
    'account.accountNo',
    '${7*7}{{7*7}}',
    { account: { accountNo: '${7*7}{{7*7}}' } },
    'FIELD_MISSING',
    'account.accountNo',
  ),
  {
    ...injection(
      'expectedVersion',
      '1; DROP TABLE parties',
      { expectedVersion: '1; DROP TABLE parties' },
      'VERSION_FORMAT',
      'expectedVersion',
    ),
  },
];

// Injection-like path parameters with the right credentials: not found, nothing else.
const pathCase = (
  name: string,
  service: Service,
  method: 'GET' | 'POST',
  path: string,
  status: number,
): HttpCase => ({
  category: 'http',
  name,
  service,
  method,
  path,
  caller: 'right',
  expected: { status },
});
const pathCases: HttpCase[] = [
  pathCase(
    'payment-intake GET /payments/{endToEndId} with SQL in the id',
    'payment-intake',
    'GET',
    `/payments/${encodeURIComponent("x' OR '1'='1")}`,
    404,
  ),
  pathCase(
    'payment-intake GET /bundles/{msgId}/reconciliation with a path traversal',
    'payment-intake',
    'GET',
    `/bundles/${encodeURIComponent('../../etc/passwd')}/reconciliation`,
    404,
  ),
  pathCase(
    'bank-dispatch POST /interchanges/{controlRef}/resend with SQL in the reference',
    'bank-dispatch',
    'POST',
    `/interchanges/${encodeURIComponent("NK1' OR '1'='1")}/resend`,
    404,
  ),
  // ParseUUIDPipe refuses it before any query.
  pathCase(
    'cpr-cvr-sync GET /operator/feed/files/{fileId} with SQL in the id',
    'cpr-cvr-sync',
    'GET',
    `/operator/feed/files/${encodeURIComponent("1' OR '1'='1")}`,
    400,
  ),
];

export const HTTP_CASES: readonly HttpCase[] = [
  ...credentialCases,
  ...bodyCases,
  ...injectionCases,
  ...pathCases,
];
