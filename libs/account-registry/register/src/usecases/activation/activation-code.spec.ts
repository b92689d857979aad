import { activationCodeDigest, activationCodeMatches, newActivationCode } from './activation-code';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const VERSION = '7d3b1c7e-2b1a-4c55-9d0e-0b5f7f9a3c11';

describe('activation codes', () => {
  it('are 8 digits, leading zeros included, and differ between draws', () => {
    const codes = Array.from({ length: 2000 }, newActivationCode);
    expect(codes.every((c) => /^\d{8}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it('match only the code, the version and the secret they were made with', () => {
    const digest = activationCodeDigest(SECRET, VERSION, '00123456');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain('00123456');
    expect(activationCodeMatches(SECRET, VERSION, '00123456', digest)).toBe(true);
    expect(activationCodeMatches(SECRET, VERSION, '00123457', digest)).toBe(false);
    expect(activationCodeMatches(SECRET, 'another-version', '00123456', digest)).toBe(false);
    expect(activationCodeMatches(`${SECRET}x`, VERSION, '00123456', digest)).toBe(false);
    expect(activationCodeMatches(SECRET, VERSION, '0012345', digest)).toBe(false);
    expect(activationCodeMatches(SECRET, VERSION, '00123456', null)).toBe(false);
  });
});
