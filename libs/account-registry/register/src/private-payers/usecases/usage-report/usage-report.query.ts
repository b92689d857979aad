import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PRIVATE_PAYER_SETTINGS, PrivatePayerSettings } from '../../private-payer.settings';

export interface UsageCountsRow {
  readonly payerId: string;
  readonly payerName: string;
  readonly nksAgreementNo: string;
  readonly lookups: number;
  readonly hits: number;
  readonly misses: number;
  readonly optedOut: number;
  readonly yesNo: number;
  readonly throttled: number;
  readonly cprCouplings: number;
  // cprCouplings × the fee per coupling, in øre.
  readonly feeOre: number;
}

export interface UsageReport {
  readonly from: string;
  readonly to: string;
  readonly feeOrePerCoupling: number;
  // Per payer per day (days without lookups are left out).
  readonly days: readonly (UsageCountsRow & { readonly day: string })[];
  // Per payer over the period.
  readonly totals: readonly UsageCountsRow[];
}

const COUNTS = ['lookups', 'hits', 'misses', 'optedOut', 'yesNo', 'throttled', 'cprCouplings'] as const;

const add = (a: UsageCountsRow, b: UsageCountsRow): UsageCountsRow => ({
  ...a,
  ...(Object.fromEntries(COUNTS.map((c) => [c, a[c] + b[c]])) as Pick<
    UsageCountsRow,
    (typeof COUNTS)[number]
  >),
  feeOre: a.feeOre + b.feeOre,
});

// The usage report for billing: per payer and day, the lookups and what they found, and the fee
// (charged per coupling of a CPR number to an account, NK_REGISTRY_PAYER_FEE_ORE øre each).
@Injectable()
export class UsageReportQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PRIVATE_PAYER_SETTINGS) private readonly settings: PrivatePayerSettings,
  ) {}

  async execute(from: string, to: string): Promise<UsageReport> {
    const rows = (await this.dataSource.query(
      `SELECT u.payer_id, p.name, p.nks_agreement_no, to_char(u.day, 'YYYY-MM-DD') AS day,
              u.lookups, u.hits, u.misses, u.opted_out, u.yes_no, u.throttled, u.cpr_couplings
         FROM private_payer_usage u JOIN private_payers p USING (payer_id)
        WHERE u.day BETWEEN $1::date AND $2::date
        ORDER BY u.payer_id, u.day`,
      [from, to],
    )) as Record<string, string>[];
    const fee = this.settings.feeOrePerCoupling;
    const days = rows.map((r) => {
      const counts = {
        lookups: Number(r['lookups']),
        hits: Number(r['hits']),
        misses: Number(r['misses']),
        optedOut: Number(r['opted_out']),
        yesNo: Number(r['yes_no']),
        throttled: Number(r['throttled']),
        cprCouplings: Number(r['cpr_couplings']),
      };
      return {
        payerId: r['payer_id'] ?? '',
        payerName: r['name'] ?? '',
        nksAgreementNo: r['nks_agreement_no'] ?? '',
        day: r['day'] ?? '',
        ...counts,
        feeOre: counts.cprCouplings * fee,
      };
    });
    const totals = new Map<string, UsageCountsRow>();
    for (const { day: _day, ...d } of days) {
      const t = totals.get(d.payerId);
      totals.set(d.payerId, t ? add(t, d) : d);
    }
    return { from, to, feeOrePerCoupling: fee, days, totals: [...totals.values()] };
  }
}
