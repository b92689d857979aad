// The development eID provider (MitID/NemLog-in stand-in): `npm run eid-provider`.
// NK_EID_ISSUER (default http://127.0.0.1:3010) and NK_EID_CLIENTS, a JSON list of clients
// (default: the registry on ports 3001 of localhost and 127.0.0.1 with the development secret).
import { ClientMetadata } from 'oidc-provider';
import { createEidProvider } from './eid-provider';
import { TEST_USERS } from './test-users';

const issuer = process.env['NK_EID_ISSUER'] ?? 'http://127.0.0.1:3010';
const defaultClients: ClientMetadata[] = [
  {
    client_id: 'nemkonto-registry',
    client_name: 'NemKonto',
    client_secret: 'development-only-registry-client-secret',
    redirect_uris: ['http://127.0.0.1:3001/eid/callback', 'http://localhost:3001/eid/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1:3001/ui/', 'http://localhost:3001/ui/'],
    response_types: ['code'],
    grant_types: ['authorization_code'],
  },
];
const clients = process.env['NK_EID_CLIENTS']
  ? (JSON.parse(process.env['NK_EID_CLIENTS']) as ClientMetadata[])
  : defaultClients;

const { server } = createEidProvider({ issuer, clients });
const port = Number(new URL(issuer).port || 80);
server.listen(port, '0.0.0.0', () => {
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'eid-provider started', issuer, testUsers: TEST_USERS.map((u) => u.id) })}\n`,
  );
});
const stop = (): void => {
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
