import { usageReportTable } from './usage-report-table';

const counts = {
  lookups: 1200,
  hits: 1000,
  misses: 150,
  optedOut: 50,
  yesNo: 0,
  throttled: 3,
  cprCouplings: 990,
};
const acme = { payerId: 'ACME', payerName: 'ACME A/S', nksAgreementNo: 'NKS-1', ...counts, feeOre: 3960 };

describe('the usage report table', () => {
  it('prints a line per payer and day and the totals, the fee in kroner', () => {
    const table = usageReportTable({
      from: '2026-11-01',
      to: '2026-11-30',
      feeOrePerCoupling: 4,
      days: [
        { ...acme, day: '2026-11-02' },
        { ...acme, day: '2026-11-03' },
      ],
      totals: [{ ...acme, lookups: 2400, cprCouplings: 1980, feeOre: 7920 }],
    });
    const lines = table.split('\n');
    expect(lines[0]).toContain('2026-11-01 to 2026-11-30 (fee 4 øre per coupling');
    expect(lines[2]).toMatch(/^day\s+payer\s+agreement\s+lookups\s+hits/);
    expect(lines[4]).toMatch(/^2026-11-02\s+ACME\s+NKS-1\s+1,200\s+1,000\s+150\s+50\s+0\s+3\s+990\s+39\.60$/);
    expect(lines[7]).toMatch(/^total\s+ACME\s+NKS-1\s+2,400 .* 1,980\s+79\.20$/);
  });

  it('says so when there were no lookups', () => {
    expect(
      usageReportTable({ from: '2026-11-01', to: '2026-11-30', feeOrePerCoupling: 4, days: [], totals: [] }),
    ).toContain('no lookups in the period');
  });
});
