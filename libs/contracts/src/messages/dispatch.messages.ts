import { z } from 'zod';
import { accountSchema, partyIdSchema } from './shared.schemas';

// A bank answered that a beneficiary account is closed or unknown: the registry flags it.
export const dispatchAccountRejectedV1 = z.object({
  bankId: z.string().min(1).max(50),
  party: partyIdSchema,
  account: accountSchema,
  reasonCode: z.enum(['ACCOUNT_CLOSED', 'ACCOUNT_UNKNOWN']),
  paymentId: z.uuid(),
});

export type DispatchAccountRejectedV1 = z.infer<typeof dispatchAccountRejectedV1>;
