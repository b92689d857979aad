import { isValidDate } from './local-date';

// A 10-digit run (or 6-dash-4) that is not part of a longer run of digits.
const CPR_LIKE = /(?<!\d)(\d{2})(\d{2})(\d{2})-?\d{4}(?!\d)/g;

// For logs: masks every CPR-like number whose first six digits could be a birth date. It is
// deliberately looser than Cpr.parse (29 February is allowed in any year and the century is not
// checked), because a missed CPR in a log is worse than a masked timestamp or P-number.
export function maskCprInText(text: string): string {
  return text.replace(CPR_LIKE, (match: string, dd: string, mm: string, yy: string) =>
    isValidDate(2000, Number(mm), Number(dd)) ? `${dd}${mm}${yy}-****` : match,
  );
}
