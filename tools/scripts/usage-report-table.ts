import type { UsageCountsRow, UsageReport } from '@nemkonto/account-registry-register';

const COLUMNS = [
  ['day', 'day'],
  ['payer', 'payerId'],
  ['agreement', 'nksAgreementNo'],
  ['lookups', 'lookups'],
  ['hits', 'hits'],
  ['misses', 'misses'],
  ['opted out', 'optedOut'],
  ['yes/no', 'yesNo'],
  ['throttled', 'throttled'],
  ['couplings', 'cprCouplings'],
  ['fee DKK', 'feeOre'],
] as const;

const number = (n: number): string => n.toLocaleString('en-US');
const kroner = (ore: number): string =>
  (ore / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// The usage report as a plain-text table: one line per payer and day, then each payer's total.
export function usageReportTable(report: UsageReport): string {
  const cell = (
    row: UsageCountsRow & { readonly day?: string },
    key: (typeof COLUMNS)[number][1],
  ): string => {
    const v = row[key];
    if (key === 'feeOre') return kroner(Number(v));
    return typeof v === 'number' ? number(v) : String(v ?? '');
  };
  const body = report.days.map((d) => COLUMNS.map(([, key]) => cell(d, key)));
  const totals = report.totals.map((t) => COLUMNS.map(([, key]) => (key === 'day' ? 'total' : cell(t, key))));
  const rows = [COLUMNS.map(([title]) => title), ...body, ...totals];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const header = `Private payers' usage ${report.from} to ${report.to} (fee ${report.feeOrePerCoupling} øre per coupling of a CPR number to an account)`;
  if (report.days.length === 0) return `${header}\n\nno lookups in the period\n`;
  return [header, '', line(rows[0] ?? []), rule, ...body.map(line), rule, ...totals.map(line), ''].join('\n');
}
