// Linted as libs/domain: a switch over a union that misses a member, with and without a default.
type ReturnAnswer = 0 | 1 | 2;

export function describeAnswer(answer: ReturnAnswer): string {
  switch (answer) {
    case 0:
      return 'accepted';
    case 1:
      return 'rejected';
  }
  return 'unknown';
}

export function describeAnswerWithDefault(answer: ReturnAnswer): string {
  switch (answer) {
    case 0:
      return 'accepted';
    case 1:
      return 'rejected';
    default:
      return 'unknown';
  }
}
