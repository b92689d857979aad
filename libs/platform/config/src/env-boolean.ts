import { z } from 'zod';

const TRUE = new Set(['true', '1']);
const ACCEPTED = ['true', 'false', '1', '0'] as const;

// `z.coerce.boolean()` would read "false" as true; environment flags need this instead.
// Use `envBoolean().default(false)` for an optional flag.
export function envBoolean() {
  const problem = `expected one of ${ACCEPTED.join(', ')}`;
  return z
    .string({ error: problem })
    .trim()
    .toLowerCase()
    .pipe(z.enum(ACCEPTED, { error: problem }))
    .transform((v) => TRUE.has(v));
}
