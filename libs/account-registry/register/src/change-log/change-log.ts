import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';

export interface ChangeLogEntry {
  readonly party: { readonly kind: string; readonly value: string };
  readonly action: string;
  readonly channel: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

// A value as JSON with object keys sorted at every level, so the hash does not depend on the
// order keys were written in (jsonb reorders them).
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, seq: number, at: string, e: ChangeLogEntry): string {
  const body = canonicalJson({
    seq,
    at,
    partyKind: e.party.kind,
    partyId: e.party.value,
    action: e.action,
    channel: e.channel,
    actor: e.actor,
    reason: e.reason,
    before: e.before,
    after: e.after,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

// Any fixed number: the key of the advisory lock that makes appends one chain.
const CHAIN_LOCK = 7_364_021;

// Appends entries to the chain inside the caller's transaction. The advisory lock is held until
// the transaction ends, so appends are serialised and the chain has no forks; take it last (after
// the party rows) so lock order is always parties → chain.
export async function appendChangeLog(
  m: EntityManager,
  entries: readonly ChangeLogEntry[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await m.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const [head] = (await m.query('SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1')) as {
    seq: string;
    hash: string;
  }[];
  let seq = Number(head?.seq ?? 0);
  let prev = head?.hash ?? GENESIS_HASH;
  const at = now.toISOString();
  const rows = entries.map((e) => {
    seq += 1;
    const hash = entryHash(prev, seq, at, e);
    const row = [
      seq,
      at,
      e.party.kind,
      e.party.value,
      e.action,
      e.channel,
      e.actor,
      e.reason,
      e.before,
      e.after,
      prev,
      hash,
    ];
    prev = hash;
    return row;
  });
  const column = (i: number): unknown[] => rows.map((r) => r[i]);
  await m.query(
    `INSERT INTO change_log (seq, at, party_kind, party_id, action, channel, actor, reason, before, after, prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::jsonb[], $10::jsonb[], $11::text[], $12::text[])`,
    [
      column(0),
      column(1),
      column(2),
      column(3),
      column(4),
      column(5),
      column(6),
      column(7),
      column(8).map((v) => (v === null ? null : JSON.stringify(v))),
      column(9).map((v) => (v === null ? null : JSON.stringify(v))),
      column(10),
      column(11),
    ],
  );
}

export interface ChainVerification {
  readonly entries: number;
  readonly ok: boolean;
  // The first entry whose link or hash does not match, and why.
  readonly brokenAt?: { readonly seq: number; readonly problem: string };
}

// Walks the whole chain in order, recomputing every hash.
export async function verifyChangeLog(
  m: EntityManager,
  onProgress?: (checked: number) => void,
): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (let after = 0; ;) {
    const rows = (await m.query(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, party_kind, party_id, action, channel,
              actor, reason, before, after, prev_hash, hash
         FROM change_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
      [after],
    )) as {
      seq: string;
      at: string;
      party_kind: string;
      party_id: string;
      action: string;
      channel: string;
      actor: string;
      reason: string | null;
      before: unknown;
      after: unknown;
      prev_hash: string;
      hash: string;
    }[];
    if (rows.length === 0) return { entries: checked, ok: true };
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        return { entries: checked, ok: false, brokenAt: { seq, problem: `entry ${expectedSeq} is missing` } };
      if (r.prev_hash !== prev)
        return {
          entries: checked,
          ok: false,
          brokenAt: { seq, problem: 'prev_hash does not match the entry before' },
        };
      const hash = entryHash(prev, seq, r.at, {
        party: { kind: r.party_kind, value: r.party_id },
        action: r.action,
        channel: r.channel,
        actor: r.actor,
        reason: r.reason,
        before: r.before,
        after: r.after,
      });
      if (hash !== r.hash)
        return {
          entries: checked,
          ok: false,
          brokenAt: { seq, problem: 'the entry was altered (hash mismatch)' },
        };
      prev = hash;
      expectedSeq += 1;
      checked += 1;
      after = seq;
    }
    onProgress?.(checked);
  }
}
