export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export interface BundleHeader {
  // GrpHdr/MsgId: the bundle id, unique per authority.
  readonly msgId: string;
  readonly createdAt: string;
  readonly declaredCount: string;
  readonly declaredControlSum: string | null;
  // GrpHdr/InitgPty/Id/OrgId/Othr/Id: the authority (its NemKonto agreement id).
  readonly initiatingPartyId: string;
}

export interface RawPaymentInfo {
  readonly pmtInfId: string;
  readonly paymentMethod: string;
  readonly requestedExecutionDate: string;
  readonly debtorName: string;
  readonly debitAccountOther: string | null;
  readonly debitAccountIban: string | null;
}

// One CdtTrfTxInf exactly as written in the document (strings, unvalidated).
export interface RawTransaction {
  // Position in the bundle, from 0.
  readonly index: number;
  readonly pmtInfId: string;
  readonly endToEndId: string;
  readonly amount: string;
  readonly currency: string;
  readonly creditorName: string | null;
  readonly creditorIdScheme: string;
  readonly creditorId: string;
  readonly creditorAccountIban: string | null;
  readonly creditorAccountOther: string | null;
  readonly creditorAgentBic: string | null;
  readonly benefitType: string;
  readonly adviceText: string | null;
}

export interface Pain001Limits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxTextLength: number;
  readonly maxTransactions: number;
  // Characters between two markup delimiters (< and >): far above any value the profile allows.
  readonly maxRunLength: number;
}

export const DEFAULT_PAIN001_LIMITS: Pain001Limits = {
  maxBytes: 2 * 1024 * 1024 * 1024,
  maxDepth: 16,
  maxTextLength: 1024,
  maxTransactions: 2_000_000,
  maxRunLength: 16_384,
};
