import { PartyKey } from '../../../usecases/party-state';

// One REST lookup: the payer (from its token), the end user it acts for (its own opaque id,
// hashed before it is stored) and the party.
export interface LookUpPartyCommand {
  readonly payerId: string;
  readonly endUser: string;
  readonly party: PartyKey;
}
