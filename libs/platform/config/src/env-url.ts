import { z } from 'zod';

// A URL whose scheme is one of `protocols` (without the colon), e.g. envUrl(['amqp', 'amqps']).
export function envUrl(protocols: readonly [string, ...string[]]) {
  const pattern = new RegExp(`^(${protocols.map((p) => p.replace(/[.+]/g, '\\$&')).join('|')})$`);
  const schemes = protocols.map((p) => `${p}://`).join(' or ');
  const article = /^[aeiou]/i.test(protocols[0]) ? 'an' : 'a';
  return z.url({ protocol: pattern, error: `expected ${article} ${schemes} URL` });
}
