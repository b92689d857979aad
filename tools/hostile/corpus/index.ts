import { BANK_ANSWER_CASES } from './bank-answers.corpus';
import { BUNDLE_CASES } from './bundle.corpus';
import { Category, HostileCase, describeExpected } from './hostile-case';
import { HTTP_CASES } from './http.corpus';
import { PAYMENT_CASES } from './payment.corpus';
import { XML_CASES } from './xml.corpus';

export * from './hostile-case';
export * from './bundle-documents';
export { XML_CASES, TEST_MAX_BUNDLE_BYTES } from './xml.corpus';
export { BUNDLE_CASES } from './bundle.corpus';
export { PAYMENT_CASES } from './payment.corpus';
export { BANK_ANSWER_CASES } from './bank-answers.corpus';
export { HTTP_CASES, PROTECTED_ENDPOINTS, BODY_CPR } from './http.corpus';

export const CORPUS: Readonly<Record<Category, readonly HostileCase[]>> = {
  xml: XML_CASES,
  bundle: BUNDLE_CASES,
  payment: PAYMENT_CASES,
  'bank-answers': BANK_ANSWER_CASES,
  http: HTTP_CASES,
};

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

// The corpus as the tables of docs/hostile-input.md (between its generated-table markers).
export function renderCorpusTables(): string {
  const out: string[] = [];
  for (const [category, cases] of Object.entries(CORPUS)) {
    out.push(`### ${category} (${cases.length} cases)`, '', '| # | case | expected |', '| --- | --- | --- |');
    cases.forEach((c, i) => out.push(`| ${i + 1} | ${cell(c.name)} | ${cell(describeExpected(c))} |`));
    out.push('');
  }
  const total = Object.values(CORPUS).reduce((n, c) => n + c.length, 0);
  out.push(`${total} cases in all.`);
  return out.join('\n');
}
