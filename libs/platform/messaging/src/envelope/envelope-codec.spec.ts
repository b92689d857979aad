import { randomUUID } from 'node:crypto';
import { bodyHash, createEnvelope, decodeEnvelope } from './envelope-codec';

const payload = {
  party: { kind: 'CVR' as const, value: '13748136' },
  account: { kind: 'DK' as const, regNo: '1234', accountNo: '0001234567' },
  bankId: 'bank-a',
  reasonCode: 'ACCOUNT_CLOSED' as const,
  paymentId: randomUUID(),
};

describe('envelope codec', () => {
  it('builds a complete envelope with catalogue version, correlation and causation', () => {
    const e = createEnvelope('dispatch.account-rejected', payload, {
      producer: 'bank-dispatch',
      causationId: 'cause-1',
    });
    expect(e.type).toBe('dispatch.account-rejected');
    expect(e.version).toBe(1);
    expect(e.producer).toBe('bank-dispatch');
    expect(e.correlationId).toBe(e.messageId);
    expect(e.causationId).toBe('cause-1');
    expect(new Date(e.occurredAt).toISOString()).toBe(e.occurredAt);
  });

  it('refuses to build a message whose payload breaks the contract', () => {
    expect(() =>
      createEnvelope(
        'dispatch.account-rejected',
        { ...payload, reasonCode: 'NOPE' as 'ACCOUNT_CLOSED' },
        { producer: 'x' },
      ),
    ).toThrow();
  });

  it('round-trips through the wire format', () => {
    const e = createEnvelope('dispatch.account-rejected', payload, { producer: 'bank-dispatch' });
    const decoded = decodeEnvelope(Buffer.from(JSON.stringify(e)));
    expect(decoded).toEqual({ ok: true, envelope: e });
  });

  it.each([
    ['not JSON', Buffer.from('<xml/>'), /not JSON/],
    ['missing fields', Buffer.from('{"type":"dispatch.account-rejected"}'), /invalid envelope/],
    [
      'unknown type',
      Buffer.from(
        JSON.stringify({
          ...createEnvelope('dispatch.account-rejected', payload, { producer: 'p' }),
          type: 'nope',
        }),
      ),
      /unknown message type nope/,
    ],
    [
      'wrong version',
      Buffer.from(
        JSON.stringify({
          ...createEnvelope('dispatch.account-rejected', payload, { producer: 'p' }),
          version: 9,
        }),
      ),
      /unsupported version 9/,
    ],
    [
      'payload off contract',
      Buffer.from(
        JSON.stringify({
          ...createEnvelope('dispatch.account-rejected', payload, { producer: 'p' }),
          payload: { ...payload, paymentId: 'x' },
        }),
      ),
      /invalid dispatch.account-rejected payload at paymentId/,
    ],
  ])('rejects %s with a reason', (_label, body, reason) => {
    const decoded = decodeEnvelope(body);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.reason).toMatch(reason);
  });

  it('hashes bodies so a resend matches and other content does not', () => {
    expect(bodyHash(Buffer.from('a'))).toBe(bodyHash(Buffer.from('a')));
    expect(bodyHash(Buffer.from('a'))).not.toBe(bodyHash(Buffer.from('b')));
  });
});
