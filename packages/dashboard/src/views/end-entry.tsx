/** Ends a ban or allow entry: asks for the reason that goes into the audit log. */
import { type FormEvent, useState } from 'react';

export function EndEntry(p: {
  what: string;
  onEnd: (reason: string) => Promise<void>;
  onCancel: () => void;
  verb?: string;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await p.onEnd(reason.trim());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label={`End ${p.what}`}>
      <label htmlFor="end-reason">
        {p.verb ?? 'End'} {p.what}: reason
      </label>
      <input id="end-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      {error ? <p className="error">{error}</p> : null}
      <div className="toolbar">
        <button type="submit" className="danger" disabled={reason.trim() === ''}>
          {p.verb ?? 'End'}
        </button>
        <button type="button" onClick={p.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
