import { DomainErrorCode } from './domain-validation.error';
import { isPartyKind, maskPartyId, parsePartyId, PartyKind, tryParsePartyId } from './party-id';

describe('PartyId', () => {
  it.each([
    ['CPR', '211062-5629', '2110625629'],
    ['CPR', '0101651234', '0101651234'], // no modulus 11, still valid
    ['CVR', '13748136', '13748136'],
    ['SE', '12345678', '12345678'],
    ['P', '1234567890', '1234567890'],
  ] as const)('parses %s %s to its normal form', (kind, input, value) => {
    expect(parsePartyId(kind, input)).toEqual({ kind, value });
  });

  // Each kind goes through its own rules: a valid number of one kind is not one of another.
  it.each([
    ['CPR', '13748136', DomainErrorCode.CPR_FORMAT],
    ['CPR', '3213901234', DomainErrorCode.CPR_DATE],
    ['CVR', '2110625629', DomainErrorCode.CVR_FORMAT],
    ['CVR', '13748137', DomainErrorCode.CVR_CHECKSUM],
    ['SE', '1234567890', DomainErrorCode.SE_FORMAT],
    ['P', '13748136', DomainErrorCode.P_FORMAT],
    ['SSN', '13748136', DomainErrorCode.PARTY_KIND],
    ['cpr', '2110625629', DomainErrorCode.PARTY_KIND],
    ['', '2110625629', DomainErrorCode.PARTY_KIND],
  ])('rejects %s %s with %s', (kind, value, code) => {
    expect(tryParsePartyId(kind, value)).toMatchObject({ ok: false, code });
  });

  it('throws PARTY_KIND when a caller casts an unknown kind', () => {
    expect(() => parsePartyId('toString' as PartyKind, '13748136')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.PARTY_KIND }),
    );
  });

  it('narrows the kind from an unchecked string', () => {
    expect(['CPR', 'CVR', 'SE', 'P', 'X', 'constructor'].filter(isPartyKind)).toEqual([
      'CPR',
      'CVR',
      'SE',
      'P',
    ]);
  });

  it('masks a CPR party for logs but shows company numbers', () => {
    expect(maskPartyId(parsePartyId('CPR', '2110625629'))).toBe('CPR 211062-****');
    expect(maskPartyId(parsePartyId('CVR', '13748136'))).toBe('CVR 13748136');
    expect(maskPartyId(parsePartyId('P', '1234567890'))).toBe('P 1234567890');
  });

  it('returns the party from tryParsePartyId on success', () => {
    expect(tryParsePartyId('SE', '12345678')).toEqual({ ok: true, value: { kind: 'SE', value: '12345678' } });
  });
});
