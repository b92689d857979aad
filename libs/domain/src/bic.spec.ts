import { Bic, parseBic } from './bic';
import { DomainErrorCode } from './domain-validation.error';

describe('Bic', () => {
  it.each([
    ['DANBDKKK', 'DANBDKKK'],
    ['danbdkkk', 'DANBDKKK'],
    [' NDEADKKK ', 'NDEADKKK'],
    ['COBADEFFXXX', 'COBADEFFXXX'],
    ['DANBDK2A', 'DANBDK2A'], // digits allowed in the location
    ['CHASUS33', 'CHASUS33'],
  ])('accepts %j as %s', (input, value) => {
    expect(Bic.parse(input)).toBe(value);
    expect(parseBic(input)).toBe(value);
  });

  it.each([
    'DANBDK', // 6
    'DANBDKK', // 7
    'DANBDKKKX', // 9
    'DANBDKKKXX', // 10
    'DANBDKKKXXXX', // 12
    '1ANBDKKK', // digit in the bank code
    'DANBXXKK', // no such country
    'DANB DKKK',
    'DANB-DKKK',
    '',
  ])('rejects %j with BIC_FORMAT', (input) => {
    expect(Bic.tryParse(input)).toMatchObject({ ok: false, code: DomainErrorCode.BIC_FORMAT });
    expect(Bic.isValid(input)).toBe(false);
  });

  it('reads the country from characters 5 and 6', () => {
    expect(Bic.country(Bic.parse('COBADEFFXXX'))).toBe('DE');
    expect(Bic.country(Bic.parse('DANBDKKK'))).toBe('DK');
  });
});
