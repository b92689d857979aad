import {
  MAX_PAYER_LOOKUP_BUNDLE_BYTES,
  MAX_PAYER_LOOKUP_ITEMS,
  PartnerDocumentTypes,
  PayerBundleRejection,
  payerLookupBundleSchema,
} from '@nemkonto/contracts';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../change-log/change-log';
import { InputError, party } from '../../../http/registry-input';
import { PartyKey } from '../../../usecases/party-state';

export interface BundleItem {
  readonly reference: string;
  // Null: not a valid party number (not looked up); `invalid` says why.
  readonly party: PartyKey | null;
  readonly invalid: { readonly code: string; readonly field: string } | null;
}

export type LookupBundleCommand =
  | {
      readonly ok: true;
      readonly bundleId: string;
      readonly items: readonly BundleItem[];
      // SHA-256 of the bundle's canonical JSON: the same bundle sent again (however formatted)
      // has the same hash.
      readonly contentSha256: string;
    }
  | {
      readonly ok: false;
      readonly bundleId: string | null;
      readonly code: Extract<PayerBundleRejection, 'BUNDLE_MALFORMED' | 'BUNDLE_TOO_LARGE'>;
      readonly message: string;
    };

const refuse = (
  code: 'BUNDLE_MALFORMED' | 'BUNDLE_TOO_LARGE',
  message: string,
  bundleId: unknown = null,
): LookupBundleCommand => ({
  ok: false,
  code,
  message,
  bundleId: typeof bundleId === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(bundleId) ? bundleId : null,
});

// Reads a lookup bundle as published (JSON, see libs/contracts payer-lookup-documents.ts). The
// bundle as a whole is refused when it is not one (size, JSON, shape, more than 10,000 items);
// an item whose party is not a valid number is answered as invalid while the rest go on.
// Messages name fields and positions, never values.
export function readLookupBundle(body: Buffer, type: string | null): LookupBundleCommand {
  if (type !== null && type !== PartnerDocumentTypes.payerLookupBundle)
    return refuse('BUNDLE_MALFORMED', `the AMQP type must be ${PartnerDocumentTypes.payerLookupBundle}`);
  if (body.length > MAX_PAYER_LOOKUP_BUNDLE_BYTES)
    return refuse('BUNDLE_TOO_LARGE', `a bundle is at most ${MAX_PAYER_LOOKUP_BUNDLE_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch {
    return refuse('BUNDLE_MALFORMED', 'the bundle is not JSON');
  }
  const rawObject = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const rawItems = rawObject['items'];
  if (Array.isArray(rawItems) && rawItems.length > MAX_PAYER_LOOKUP_ITEMS)
    return refuse(
      'BUNDLE_TOO_LARGE',
      `a bundle has at most ${MAX_PAYER_LOOKUP_ITEMS} items, this one ${rawItems.length}`,
      rawObject['bundleId'],
    );
  const parsed = payerLookupBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the bundle';
    return refuse('BUNDLE_MALFORMED', `${where}: ${issue?.code ?? 'invalid'}`, rawObject['bundleId']);
  }
  const items = parsed.data.items.map((item, i): BundleItem => {
    try {
      return { reference: item.reference, party: party(item), invalid: null };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const response = err.getResponse() as { code: string; field: string };
      return {
        reference: item.reference,
        party: null,
        invalid: { code: response.code, field: `items[${i}].${response.field}` },
      };
    }
  });
  return {
    ok: true,
    bundleId: parsed.data.bundleId,
    items,
    contentSha256: createHash('sha256').update(canonicalJson(parsed.data)).digest('hex'),
  };
}
