import { ratesOf, throughputChart } from './throughput-chart';

describe('throughput chart', () => {
  it('turns cumulative samples into rates over windows of at least a second', () => {
    const samples: [number, number][] = [
      [0, 0],
      [500, 100],
      [1000, 300],
      [1500, 400],
      [2500, 1400],
    ];
    expect(ratesOf(samples)).toEqual([
      [1, 300],
      [2.5, 733.3333333333334],
    ]);
  });

  it('draws one panel per benchmark with a line and a legend entry per path, escaping labels', () => {
    const svg = throughputChart([
      {
        title: 'e2e',
        unit: 'payments',
        series: [
          {
            label: 'system <x>',
            points: [
              [1, 10],
              [2, 20],
            ],
          },
          { label: 'baseline', points: [[1, 30]] },
        ],
      },
      { title: 'messaging', unit: 'payments', series: [{ label: 'platform', points: [[1, 5]] }] },
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    expect(svg).toContain('system &lt;x&gt;');
    expect(svg).toContain('height="440"');
  });
});
