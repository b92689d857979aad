import { addYears, endMarkedFrom } from './end-marking';

describe('end-marking from CPR/CVR status', () => {
  it('ends a dead person’s NemKonto 3 years after the death', () => {
    expect(endMarkedFrom('DEAD', '2026-03-15')).toBe('2029-03-15');
    expect(endMarkedFrom('DEAD', '2028-02-29')).toBe('2031-02-28');
  });

  it('ends a bankrupt company’s at the decree date and a ceased one’s 360 days after', () => {
    expect(endMarkedFrom('BANKRUPT', '2026-11-02')).toBe('2026-11-02');
    expect(endMarkedFrom('CEASED', '2026-01-01')).toBe('2026-12-27');
  });

  it('ends nothing for emigration, incapacity or an active party', () => {
    expect(endMarkedFrom('EMIGRATED', '2026-05-01')).toBeNull();
    expect(endMarkedFrom('INCAPACITATED', '2026-05-01')).toBeNull();
    expect(endMarkedFrom('ACTIVE', null)).toBeNull();
  });

  it('adds whole years', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-12-31', 1)).toBe('2027-12-31');
  });
});
