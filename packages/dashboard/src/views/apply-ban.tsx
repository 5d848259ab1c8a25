/** Applies simulated candidates as bans (one per value) with TTL, mode and reason; audited by the server. */
import { type FormEvent, useState } from 'react';
import { bans } from '../api/endpoints.js';
import type { Finding } from '../api/types.js';
import { navigate } from '../router.js';
import { AlertText } from '../ui/alert-text.js';
import { duration, parseDuration } from '../ui/format.js';

export function ApplyBan(p: { values: string[]; finding: Finding | undefined }) {
  const rec = p.finding?.recommendation;
  const [ttl, setTtl] = useState(duration(rec?.ttlSeconds ?? 86_400));
  const [mode, setMode] = useState<'ban' | 'throttle'>(rec?.action === 'throttle' ? 'throttle' : 'ban');
  const [reason, setReason] = useState(rec?.reason ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const permanent = ttl.trim() === 'permanent';
  const ttlSeconds = permanent ? undefined : parseDuration(ttl);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      for (const value of p.values) {
        await bans.add({
          value,
          mode,
          reason: reason.trim(),
          ...(permanent ? { permanent: true } : { ttlSeconds: ttlSeconds ?? 86_400 }),
          ...(p.finding?.service ? { service: p.finding.service } : {}),
        });
      }
      navigate('/bans');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Apply as ban">
      <h3>Apply as {mode}</h3>
      <div className="form-row">
        <label>
          Duration{' '}
          <input value={ttl} onChange={(e) => setTtl(e.target.value)} className="narrow" aria-describedby="ttl-help" />
        </label>
        <label>
          Mode{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as 'ban' | 'throttle')}>
            <option value="ban">ban</option>
            <option value="throttle">throttle</option>
          </select>
        </label>
      </div>
      <span id="ttl-help" className="muted small">
        30m, 6h, 7d or permanent{!permanent && ttlSeconds === undefined ? ' — not a duration' : ''}
      </span>
      <label htmlFor="ban-reason">Reason (kept in the audit log)</label>
      <input id="ban-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      <AlertText error={error} />
      <button
        type="submit"
        className="danger"
        disabled={busy || reason.trim() === '' || (!permanent && ttlSeconds === undefined)}
      >
        Apply {p.values.length} {mode}
        {p.values.length === 1 ? '' : 's'}
      </button>
    </form>
  );
}
