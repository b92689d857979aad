import { z } from 'zod';

// Whole decimal numbers only: `z.coerce.number()` would also accept "", "0x50" and "1e3".
export function envInt(min: number, max: number, description = `an integer ${min}-${max}`) {
  const problem = `expected ${description}`;
  return z
    .string({ error: problem })
    .trim()
    .regex(/^-?\d+$/, { error: problem })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: problem }).max(max, { error: problem }));
}
