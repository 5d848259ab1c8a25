/**
 * A virtualised table (@tanstack/react-virtual): only visible rows are in the DOM, so thousands of rows
 * scroll smoothly. Activatable rows are real buttons (keyboard, focus ring). Cells render text only.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

export interface Column<T> {
  readonly label: string;
  readonly render: (row: T) => ReactNode;
  /** CSS grid track, e.g. '1fr' or '8rem'. */
  readonly width?: string;
  readonly numeric?: boolean;
}

interface Props<T> {
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T) => string;
  readonly onActivate?: (row: T) => void;
  readonly isSelected?: (row: T) => boolean;
  readonly label: string;
  readonly maxHeight?: number;
  readonly empty?: string;
}

const ROW = 32;

export function VirtualTable<T>(p: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const template = p.columns.map((c) => c.width ?? '1fr').join(' ');
  const height = Math.min(p.maxHeight ?? 360, Math.max(p.rows.length, 1) * ROW);
  return (
    <section className="vtable" aria-label={p.label} data-rows={p.rows.length}>
      <div className="vrow vhead" style={{ gridTemplateColumns: template }}>
        {p.columns.map((c) => (
          <span key={c.label} className={c.numeric ? 'num' : undefined}>
            {c.label}
          </span>
        ))}
      </div>
      {p.rows.length === 0 ? (
        <p className="muted pad">{p.empty ?? 'Nothing here.'}</p>
      ) : (
        <div ref={scroller} className="vbody" style={{ height }}>
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((item) => {
              const row = p.rows[item.index] as T;
              const cells = p.columns.map((c) => (
                <span key={c.label} className={c.numeric ? 'num' : undefined}>
                  {c.render(row)}
                </span>
              ));
              const style = { gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW };
              const cls = `vrow${p.isSelected?.(row) ? ' selected' : ''}`;
              return p.onActivate ? (
                <button
                  type="button"
                  key={p.rowKey(row)}
                  className={cls}
                  style={style}
                  aria-pressed={p.isSelected?.(row) ?? false}
                  onClick={() => p.onActivate?.(row)}
                >
                  {cells}
                </button>
              ) : (
                <div key={p.rowKey(row)} className={cls} style={style}>
                  {cells}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
