// Linted as libs/domain: every member of the union has its case. Must lint clean.
type ReturnAnswer = 0 | 1 | 2;

export function describeAnswer(answer: ReturnAnswer): string {
  switch (answer) {
    case 0:
      return 'accepted';
    case 1:
      return 'rejected';
    case 2:
      return 'stopped';
  }
}
