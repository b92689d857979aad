import { PartnerExchangeName } from '@nemkonto/contracts';
import { OutboxRow } from '@nemkonto/platform-persistence';
import { randomUUID } from 'node:crypto';
import { PublishRequest } from '../publishing/confirm-publisher';

// A document for a partner (pain.002 to an authority, PAYMUL to a bank), sent through the outbox
// like any message so it is written in the same transaction as the state it reports.
export interface OutgoingDocument {
  // The partner-facing id (AMQP message-id): the answer id or interchange control reference. The
  // same document re-sent carries the same id, so the partner can deduplicate.
  readonly documentId: string;
  readonly exchange: PartnerExchangeName;
  readonly routingKey: string;
  // AMQP `type`, e.g. PartnerDocumentTypes.pain002.
  readonly type: string;
  readonly text: string;
  // EDIFACT UNOC is ISO 8859-1: the text is stored as UTF-8 and encoded when published.
  readonly charset: 'utf-8' | 'iso-8859-1';
  readonly contentType: string;
  readonly correlationId?: string;
}

const DOCUMENT_ID = 'x-nk-document-id';
const CHARSET = 'x-nk-charset';
const CONTENT_TYPE = 'x-nk-content-type';

export function partnerDocumentRow(doc: OutgoingDocument, traceHeaders: Record<string, string>): OutboxRow {
  if (doc.charset === 'iso-8859-1' && /[\u0100-\u{10ffff}]/u.test(doc.text)) {
    throw new Error(`document ${doc.documentId} has characters outside ISO 8859-1`);
  }
  return {
    messageId: randomUUID(),
    exchange: doc.exchange,
    routingKey: doc.routingKey,
    messageType: doc.type,
    body: Buffer.from(doc.text, 'utf8'),
    headers: {
      ...traceHeaders,
      [DOCUMENT_ID]: doc.documentId,
      [CHARSET]: doc.charset,
      [CONTENT_TYPE]: doc.contentType,
      ...(doc.correlationId ? { 'x-correlation-id': doc.correlationId } : {}),
    },
  };
}

// How the relay publishes a document row: the partner's id, its charset and content type, and
// the bytes in that charset. Envelope rows publish as they are (undefined).
export function partnerDocumentProperties(row: OutboxRow): Partial<PublishRequest> | undefined {
  const documentId = row.headers[DOCUMENT_ID];
  if (documentId === undefined) return undefined;
  const charset = row.headers[CHARSET] ?? 'utf-8';
  const { [DOCUMENT_ID]: _id, [CHARSET]: _charset, [CONTENT_TYPE]: contentType, ...headers } = row.headers;
  return {
    messageId: documentId,
    body: charset === 'iso-8859-1' ? Buffer.from(row.body.toString('utf8'), 'latin1') : row.body,
    contentType: `${contentType ?? 'application/octet-stream'}; charset=${charset}`,
    headers,
  };
}
