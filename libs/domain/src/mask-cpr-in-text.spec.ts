import { maskCprInText } from './mask-cpr-in-text';

describe('maskCprInText', () => {
  it.each([
    ['2110625629', '211062-****'],
    ['211062-5629', '211062-****'],
    ['cpr=0101651234 failed', 'cpr=010165-**** failed'],
    ['(2902011234)', '(290201-****)'], // 29 Feb in a non-leap year still looks like a CPR
    ['ID2110625629.', 'ID211062-****.'],
    ['a 2110625629 and b 010165-0000', 'a 211062-**** and b 010165-****'],
    ['line1\n3112998000\n', 'line1\n311299-****\n'],
  ])('masks %j as %j', (input, expected) => {
    expect(maskCprInText(input)).toBe(expected);
  });

  it.each([
    ['3213901234'], // day 32
    ['0113901234'], // month 13
    ['0100901234'], // month 00
    ['3102901234'], // 31 February
    ['00400440116243'], // a 14-digit BBAN is a longer run
    ['21106256291'], // 11 digits
    ['12110625629'],
    ['211062562'], // 9 digits
    ['2110-625629'],
    ['2026-05-14'],
    ['amount 1234.50 kr'],
    [''],
  ])('leaves %j alone', (input) => {
    expect(maskCprInText(input)).toBe(input);
  });

  it('leaves no clear serial behind when the text holds many numbers', () => {
    const numbers = Array.from({ length: 40 }, (_, i) => `0101${60 + i}${String(i).padStart(4, '0')}`);
    const masked = maskCprInText(numbers.join(','));
    expect(masked).not.toMatch(/\d{10}/);
    expect(masked.split(',')).toEqual(numbers.map((n) => `${n.slice(0, 6)}-****`));
  });
});
