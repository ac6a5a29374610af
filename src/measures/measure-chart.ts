import { formatNumber } from './measure-format.js';
import { expectedAt, type MeasureForImpact, trajectory } from './measure-impact.js';
import { periodText } from './measure-period.js';

// A measure's line chart, drawn on the server as plain shapes for an SVG template: actuals
// against the target trajectory and each comparator. Each line has its own marker shape
// and dash pattern and is named at its end, so it reads without colour; the same figures
// are given as a table beside it.

interface Point {
  period: string;
  value: number;
}
export interface ChartSeries {
  name: string;
  kind: 'actual' | 'target' | 'comparator';
  points: Point[];
}

const W = 640;
const H = 300;
const LEFT = 56;
const RIGHT = 130;
const TOP = 16;
const BOTTOM = 40;
const SHAPES = ['circle', 'diamond', 'square', 'triangle'] as const;

const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The chart's shapes, or null when there is nothing to draw. */
export function lineChart(series: ChartSeries[], unit: string | null) {
  const drawn = series.filter((s) => s.points.length > 0);
  const all = drawn.flatMap((s) => s.points);
  if (all.length === 0) return null;
  const times = all.map((p) => time(p.period));
  let [x0, x1] = [Math.min(...times), Math.max(...times)];
  if (x0 === x1) [x0, x1] = [x0 - 15 * 86_400_000, x1 + 15 * 86_400_000];
  const values = all.map((p) => p.value);
  let [y0, y1] = [Math.min(...values), Math.max(...values)];
  const pad = (y1 - y0 || Math.abs(y1) || 1) * 0.1;
  [y0, y1] = [y0 - pad, y1 + pad];
  if (unit === '%') [y0, y1] = [Math.max(0, y0), Math.min(100, y1)];
  const x = (day: string) => LEFT + ((time(day) - x0) / (x1 - x0)) * (W - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - (v - y0) / (y1 - y0)) * (H - TOP - BOTTOM);
  const round = (n: number) => Math.round(n * 10) / 10;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * (y1 - y0));
  const lines = drawn.map((s, i) => {
    const pts = [...s.points].sort((a, b) => a.period.localeCompare(b.period));
    const last = pts.at(-1) as Point;
    return {
      name: s.name,
      kind: s.kind,
      shape:
        s.kind === 'actual'
          ? 'circle'
          : s.kind === 'target'
            ? 'diamond'
            : (SHAPES[(i % 2) + 2] ?? 'square'),
      points: pts.map((p) => `${round(x(p.period))},${round(y(p.value))}`).join(' '),
      markers: pts.map((p) => ({
        x: round(x(p.period)),
        y: round(y(p.value)),
        title: `${s.name}, ${periodText(p.period, null)}: ${formatNumber(p.value, unit)}`,
      })),
      label: { x: round(x(last.period) + 10), y: round(y(last.value) + 4), text: s.name },
    };
  });
  // Labels at the lines' ends are kept apart so none hides another.
  const byHeight = [...lines].sort((a, b) => a.label.y - b.label.y);
  for (let i = 1; i < byHeight.length; i++) {
    const above = byHeight[i - 1];
    const here = byHeight[i];
    if (above && here && here.label.y - above.label.y < 14) here.label.y = above.label.y + 14;
  }
  const first = new Date(x0).toISOString().slice(0, 10);
  const lastDay = new Date(x1).toISOString().slice(0, 10);
  return {
    width: W,
    height: H,
    plot: { left: LEFT, right: W - RIGHT, top: TOP, bottom: H - BOTTOM },
    yTicks: ticks.map((t) => ({ y: round(y(t)), text: formatNumber(round(t), unit) })),
    xTicks: [
      { x: LEFT, text: periodText(first, null), anchor: 'start' },
      { x: W - RIGHT, text: periodText(lastDay, null), anchor: 'end' },
    ],
    lines,
  };
}

/** The target trajectory's points over the periods shown: its own points and each period. */
export function trajectorySeries(measure: MeasureForImpact, periods: string[]): Point[] {
  if (measure.direction === 'range') return [];
  const own = trajectory(measure);
  if (own.length === 0) return [];
  const from = [...periods, ...own.map((p) => p.date)].sort()[0] ?? '';
  const to = [...periods, ...own.map((p) => p.date)].sort().at(-1) ?? '';
  const days = new Set([...own.map((p) => p.date), ...periods, from, to]);
  return [...days]
    .sort()
    .map((period) => ({ period, value: expectedAt(measure, period) }))
    .filter((p): p is Point => p.value !== null);
}

/** A sparkline's points (100 by 24) of the actuals, or null with fewer than two. */
export function sparkline(points: Point[]): string | null {
  if (points.length < 2) return null;
  const sorted = [...points].sort((a, b) => a.period.localeCompare(b.period));
  const values = sorted.map((p) => p.value);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  return sorted
    .map((p, i) => {
      const px = 2 + (i / (sorted.length - 1)) * 96;
      const py = 22 - (hi === lo ? 10 : ((p.value - lo) / (hi - lo)) * 20);
      return `${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`;
    })
    .join(' ');
}
