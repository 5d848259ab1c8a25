/**
 * Time-series chart on uPlot (canvas; smooth with tens of thousands of points). Drag across the plot to
 * zoom: `onZoom` gets the chosen range in epoch ms. Series values are drawn as given (stack them first).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly fill?: boolean;
  readonly dash?: boolean;
}

interface Props {
  /** Bucket starts, epoch ms. */
  readonly times: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly height?: number;
  readonly label: string;
  readonly onZoom?: (from: number, to: number) => void;
  readonly yLabel?: string;
}

export function TimeChart(p: Props) {
  const box = useRef<HTMLDivElement>(null);
  const zoom = useRef(p.onZoom);
  zoom.current = p.onZoom;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axisColor = getComputedStyle(el).color;
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 280),
      height: p.height ?? 260,
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { show: true },
      scales: { x: { time: true } },
      axes: [
        { stroke: axisColor, grid: { stroke: 'rgba(127,127,127,0.15)' } },
        { stroke: axisColor, grid: { stroke: 'rgba(127,127,127,0.15)' }, size: 60, label: p.yLabel ?? '' },
      ],
      series: [
        {},
        ...p.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          ...(s.fill ? { fill: `${s.color}55` } : {}),
          ...(s.dash ? { dash: [6, 4] } : {}),
          points: { show: false },
        })),
      ],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 4 || !zoom.current) return;
            const from = u.posToVal(u.select.left, 'x') * 1000;
            const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            zoom.current(Math.floor(from), Math.ceil(to));
          },
        ],
      },
    };
    const data: uPlot.AlignedData = [
      p.times.map((t) => t / 1000),
      ...p.series.map((s) => s.values as (number | null)[]),
    ];
    const plot = new uPlot(opts, data, el);
    const ro = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(el.clientWidth, 280), height: p.height ?? 260 }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [p.times, p.series, p.height, p.yLabel]);

  return <div ref={box} className="chart" role="img" aria-label={p.label} />;
}
