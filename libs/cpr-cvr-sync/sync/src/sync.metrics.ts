import { getOrCreateCounter, getOrCreateGauge } from '@nemkonto/platform-telemetry';

// Labels are sources and outcomes only: never CPR/CVR numbers or names.
export const syncMetrics = {
  openGaps: getOrCreateGauge('nk_sync_open_gaps', 'Open sequence gaps per feed source', ['source']),
  missingSequences: getOrCreateGauge(
    'nk_sync_missing_sequences',
    'Sequence numbers missing in open gaps per feed source',
    ['source'],
  ),
  events: getOrCreateCounter('nk_sync_events_total', 'Feed events by way in and outcome', [
    'source',
    'via',
    'outcome',
  ]),
  letters: getOrCreateCounter('nk_sync_letters_total', 'Letters addressed, by outcome', [
    'outcome',
    'reason',
  ]),
};
