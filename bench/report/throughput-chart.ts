// Throughput over time as an SVG line chart: one panel per benchmark, one line per path (the
// system and its baseline). Hand-written because it is a few polylines; a charting library
// would bring a browser or a canvas build for no gain.
export interface ChartSeries {
  readonly label: string;
  // [seconds since the path started, units per second].
  readonly points: readonly [number, number][];
}

export interface ChartPanel {
  readonly title: string;
  readonly unit: string;
  readonly series: readonly ChartSeries[];
}

const COLORS = ['#14143c', '#d9480f', '#2b8a3e', '#1971c2'];
const W = 760;
const H = 220;
const M = { left: 70, right: 160, top: 28, bottom: 34 };

const esc = (s: string): string =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= v) ?? v;
}

const fmt = (v: number): string => (v >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v)));

function panel(p: ChartPanel, y0: number): string {
  const xMax = niceMax(Math.max(1, ...p.series.flatMap((s) => s.points.map(([t]) => t))));
  const yMax = niceMax(Math.max(1, ...p.series.flatMap((s) => s.points.map(([, v]) => v))));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (t: number): number => M.left + (t / xMax) * pw;
  const y = (v: number): number => y0 + M.top + ph - (v / yMax) * ph;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (f) =>
        `<line x1="${M.left}" x2="${M.left + pw}" y1="${y(f * yMax)}" y2="${y(f * yMax)}" stroke="#ddd"/>` +
        `<text x="${M.left - 6}" y="${y(f * yMax) + 4}" text-anchor="end" font-size="11">${fmt(f * yMax)}</text>` +
        `<text x="${x(f * xMax)}" y="${y0 + H - 14}" text-anchor="middle" font-size="11">${fmt(f * xMax)} s</text>`,
    )
    .join('');
  const lines = p.series
    .map((s, i) => {
      const color = COLORS[i % COLORS.length] ?? '#000';
      const pts = s.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      return (
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts}"/>` +
        `<rect x="${M.left + pw + 12}" y="${y0 + M.top + i * 18}" width="12" height="4" fill="${color}"/>` +
        `<text x="${M.left + pw + 30}" y="${y0 + M.top + i * 18 + 6}" font-size="11">${esc(s.label)}</text>`
      );
    })
    .join('');
  return (
    `<text x="${M.left}" y="${y0 + 18}" font-size="13" font-weight="bold">${esc(p.title)} (${esc(p.unit)} per second)</text>` +
    grid +
    lines
  );
}

export function throughputChart(panels: readonly ChartPanel[]): string {
  const body = panels.map((p, i) => panel(p, i * H)).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H * Math.max(1, panels.length)}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>${body}</svg>
`;
}

// Units per second from cumulative samples, over windows of at least `windowMs`.
export function ratesOf(samples: readonly [number, number][], windowMs = 1000): [number, number][] {
  const out: [number, number][] = [];
  let from = samples[0];
  for (const s of samples.slice(1)) {
    if (!from || s[0] - from[0] < windowMs) continue;
    out.push([s[0] / 1000, ((s[1] - from[1]) * 1000) / (s[0] - from[0])]);
    from = s;
  }
  return out;
}
