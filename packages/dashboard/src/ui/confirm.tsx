/** An inline confirmation (no browser dialog): what will happen, a button that does it, and Cancel. */
import { type ReactNode, useState } from 'react';
import { AlertText } from './alert-text.js';

export function Confirm(p: {
  label: string;
  children: ReactNode;
  verb: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await p.onConfirm();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-label={p.label}>
      <div>{p.children}</div>
      <AlertText error={error} />
      <div className="toolbar">
        <button type="button" className={p.danger ? 'danger' : 'primary'} disabled={busy} onClick={go}>
          {p.verb}
        </button>
        <button type="button" onClick={p.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
