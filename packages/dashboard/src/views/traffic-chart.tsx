/** The traffic chart: requests per second by status class (stacked or split) with the selection's share. */
import { useMemo } from 'react';
import type { Series } from '../api/types.js';
import { type ChartSeries, TimeChart } from '../ui/chart.js';

const CLASSES = [
  { key: '2xx', color: '#2e9d5b' },
  { key: '3xx', color: '#3b82c4' },
  { key: '4xx', color: '#d49b1f' },
  { key: '5xx', color: '#c9434a' },
  { key: '1xx', color: '#8a8a8a' },
];

interface Props {
  readonly series: Series;
  readonly overlay: Series | undefined;
  readonly overlayLabel: string;
  readonly mode: 'stacked' | 'split';
  readonly onZoom: (from: number, to: number) => void;
}

export function TrafficChart(p: Props) {
  const { times, lines } = useMemo(() => {
    const perSecond = 1000 / p.series.stepMs;
    const times = p.series.points.map((pt) => pt.t);
    const raw = CLASSES.map((c) => ({
      ...c,
      values: p.series.points.map((pt) => (pt.byClass?.[c.key] ?? 0) * perSecond),
    }));
    const present = raw.filter((c) => c.values.some((v) => v > 0));
    let lines: ChartSeries[];
    if (p.mode === 'stacked') {
      // Cumulative sums, drawn largest first so each band shows its own class.
      const acc = new Array<number>(times.length).fill(0);
      const stacked = present.map((c) => ({ ...c, values: c.values.map((v, i) => (acc[i] = (acc[i] ?? 0) + v)) }));
      lines = stacked.reverse().map((c) => ({ label: c.key, values: c.values, color: c.color, fill: true }));
    } else lines = present.map((c) => ({ label: c.key, values: c.values, color: c.color }));
    if (p.overlay) {
      const byT = new Map(p.overlay.points.map((pt) => [pt.t, pt.requests * perSecond]));
      lines.push({ label: p.overlayLabel, values: times.map((t) => byT.get(t) ?? 0), color: '#b4236c', dash: true });
    }
    return { times, lines };
  }, [p.series, p.overlay, p.overlayLabel, p.mode]);
  return <TimeChart times={times} series={lines} label="Requests per second" yLabel="req/s" onZoom={p.onZoom} />;
}
