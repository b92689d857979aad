import { FeedAddress } from '@nemkonto/cpr-cvr-sync-feed-format';

// The SET list of an upsert where each aspect of a party (its name, address, protection or
// status columns) takes the incoming values only when the incoming aspect's sequence number is
// newer than the stored one (SET expressions see the old row), so the order events arrive in
// never matters.
export function newerAspectWins(alias: string, aspects: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(aspects)
    .flatMap(([aspect, columns]) => [
      ...columns.map(
        (c) =>
          `${c} = CASE WHEN EXCLUDED.${aspect}_seq > ${alias}.${aspect}_seq THEN EXCLUDED.${c} ELSE ${alias}.${c} END`,
      ),
      `${aspect}_seq = GREATEST(${alias}.${aspect}_seq, EXCLUDED.${aspect}_seq)`,
    ])
    .join(',\n  ');
}

export const ADDRESS_COLUMNS = ['street', 'house_no', 'floor', 'door', 'postcode', 'city'] as const;

// The parameter arrays of ADDRESS_COLUMNS, in that order, for an unnest of `rows`.
export function addressValues<R>(
  rows: readonly R[],
  address: (r: R) => FeedAddress | null,
): (string | null)[][] {
  const a = rows.map(address);
  return [
    a.map((x) => x?.street ?? null),
    a.map((x) => x?.houseNo ?? null),
    a.map((x) => x?.floor ?? null),
    a.map((x) => x?.door ?? null),
    a.map((x) => x?.postcode ?? null),
    a.map((x) => x?.city ?? null),
  ];
}
