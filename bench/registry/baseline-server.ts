// The framework-free baseline: bare node:http and pg answering the same authorised, audited
// lookups against the same tables (no Nest, Express, TypeORM, guards, pino-http or metrics).
// The bearer token is checked against channel_authorities (SHA-256, cached 30 s as the service
// caches it), every party is parsed by the domain types, and the answer and its audit rows come
// from the registry's own statement. Env: NK_DB_URL, NK_DB_SCHEMA, NK_HTTP_PORT.
import {
  LOOKUP_AND_AUDIT_SQL,
  LOOKUP_ONE_AND_AUDIT_SQL,
  LookupAndAuditRow,
} from '@nemkonto/account-registry-register';
import { PartyKind, isPartyKind, parsePartyId } from '@nemkonto/domain';
import { createHash } from 'node:crypto';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { Pool } from 'pg';

const schema = process.env['NK_DB_SCHEMA'] ?? 'registry';
const pool = new Pool({
  connectionString: process.env['NK_DB_URL'],
  max: 10,
  options: `-c search_path=${schema}`,
});
const TOKEN_TTL_MS = 30_000;
const tokens = new Map<string, { authorityId: string; until: number }>();
const MAX_BODY = 4 * 1024 * 1024;

async function authority(header: string | undefined): Promise<string | null> {
  const token = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(header ?? '')?.[1];
  if (!token) return null;
  const digest = createHash('sha256').update(token).digest('hex');
  const cached = tokens.get(digest);
  if (cached && cached.until > Date.now()) return cached.authorityId;
  const r = await pool.query<{ authority_id: string }>(
    'SELECT authority_id FROM channel_authorities WHERE api_token_sha256 = $1',
    [digest],
  );
  const id = r.rows[0]?.authority_id ?? null;
  if (id) tokens.set(digest, { authorityId: id, until: Date.now() + TOKEN_TTL_MS });
  return id;
}

interface Query {
  readonly kind: PartyKind;
  readonly value: string;
}

function partyOf(item: unknown): Query | null {
  const p = (item as { party?: { kind?: unknown; value?: unknown } } | null)?.party;
  if (!p || typeof p.kind !== 'string' || !isPartyKind(p.kind) || typeof p.value !== 'string') return null;
  try {
    return parsePartyId(p.kind, p.value);
  } catch {
    return null;
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);

async function lookUp(authorityId: string, queries: readonly Query[]): Promise<unknown[]> {
  const date = today();
  const values: unknown[] = [
    queries.map((_, i) => i),
    queries.map((q) => q.kind),
    queries.map((q) => q.value),
    queries.map(() => null),
    queries.map(() => date),
    authorityId,
    'AUTHORITY',
    `authority:${authorityId}`,
  ];
  // One lookup: the scalar statement, as the service runs it.
  const one = queries.length === 1;
  const r = await pool.query<LookupAndAuditRow>({
    name: one ? 'baseline-lookup-one' : 'baseline-lookup',
    text: one ? LOOKUP_ONE_AND_AUDIT_SQL : LOOKUP_AND_AUDIT_SQL,
    values: one ? values.map((v) => (Array.isArray(v) ? (v[0] as unknown) : v)) : values,
  });
  const answers: unknown[] = new Array(queries.length);
  for (const row of r.rows)
    answers[row.i] =
      row.outcome === 'FOUND'
        ? { found: true, account: row.account, source: row.purpose, effectiveFrom: row.effective_from }
        : { found: false, code: row.outcome };
  return answers;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
  if (req.method !== 'POST' || (req.url !== '/lookups' && req.url !== '/lookups/batch'))
    return send(res, 404, { message: 'not found' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return send(res, 413, { message: 'too large' });
    chunks.push(chunk);
  }
  const authorityId = await authority(req.headers.authorization);
  if (!authorityId) return send(res, 401, { message: 'unknown token' });
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return send(res, 400, { message: 'not JSON' });
  }
  const items = req.url === '/lookups' ? [body] : (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > 10_000)
    return send(res, 400, { code: 'ITEMS' });
  const queries: Query[] = [];
  for (const item of items) {
    const q = partyOf(item);
    if (!q) return send(res, 400, { code: 'PARTY' });
    queries.push(q);
  }
  const answers = await lookUp(authorityId, queries);
  send(res, 200, req.url === '/lookups' ? answers[0] : { answers });
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    process.stderr.write(`baseline: ${(err as Error).message}\n`);
    if (!res.headersSent) send(res, 500, { message: 'error' });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env['NK_HTTP_PORT'] ?? 3091), '127.0.0.1', () =>
  process.stderr.write('  baseline listening\n'),
);
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
