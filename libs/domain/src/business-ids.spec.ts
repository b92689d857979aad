import { parseCvr, parsePNumber, parseSeNumber } from './business-ids';
import { DomainErrorCode, tryParse } from './domain-validation.error';
import { parsePartyId } from './party-id';

describe('CVR, SE and P numbers', () => {
  it('accepts a CVR with a valid modulus 11 (13748136) and rejects a changed digit', () => {
    expect(parseCvr('13748136')).toBe('13748136');
    expect(tryParse(() => parseCvr('13748137'))).toMatchObject({
      ok: false,
      code: DomainErrorCode.CVR_CHECKSUM,
    });
  });

  it.each(['1374813', '137481360', '03748136', '1374813a'])('rejects CVR %s by format', (input) => {
    expect(tryParse(() => parseCvr(input))).toMatchObject({ ok: false, code: DomainErrorCode.CVR_FORMAT });
  });

  it('checks SE and P numbers by length only', () => {
    expect(parseSeNumber('12345678')).toBe('12345678');
    expect(parsePNumber('1234567890')).toBe('1234567890');
    expect(tryParse(() => parseSeNumber('1234567'))).toMatchObject({
      ok: false,
      code: DomainErrorCode.SE_FORMAT,
    });
    expect(tryParse(() => parsePNumber('123456789'))).toMatchObject({
      ok: false,
      code: DomainErrorCode.P_FORMAT,
    });
  });

  it('parses party ids of every kind through the right rules', () => {
    expect(parsePartyId('CPR', '211062-5629')).toEqual({ kind: 'CPR', value: '2110625629' });
    expect(parsePartyId('CVR', '13748136')).toEqual({ kind: 'CVR', value: '13748136' });
    expect(() => parsePartyId('CVR', '2110625629')).toThrow();
    expect(() => parsePartyId('CPR', '13748136')).toThrow();
  });
});
