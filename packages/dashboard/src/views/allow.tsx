/**
 * Allowlist: add, edit (a new entry replaces the old one, both audited), expire or remove, each with a
 * reason. Allowed clients are never blocked, even inside a banned network.
 */
import { type FormEvent, useState } from 'react';
import { type AllowBody, allow } from '../api/endpoints.js';
import type { AllowEntry } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useCan } from '../session-context.js';
import { duration, parseDuration, time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';
import { EndEntry } from './end-entry.js';

export function AllowView() {
  const [inactive, setInactive] = useState(false);
  const list = useApi(() => allow.list(inactive), `allow${inactive}`);
  const [picked, setPicked] = useState<AllowEntry>();
  const [mode, setMode] = useState<'edit' | 'end'>();
  const writes = useCan()('allow:write');
  const done = () => {
    setPicked(undefined);
    setMode(undefined);
    list.reload();
  };
  return (
    <div className="stack">
      <h2>Allowlist</h2>
      {writes ? (
        <AllowForm
          key={mode === 'edit' ? `edit-${picked?.id}` : 'new'}
          entry={mode === 'edit' ? picked : undefined}
          onDone={done}
        />
      ) : null}
      <label className="check">
        <input type="checkbox" checked={inactive} onChange={(e) => setInactive(e.target.checked)} /> Include ended and
        expired
      </label>
      {list.error ? <p className="error">{list.error}</p> : null}
      <VirtualTable<AllowEntry>
        label="Allowlist"
        rows={list.data?.allow ?? []}
        rowKey={(a) => a.id}
        {...(writes
          ? {
              onActivate: (a: AllowEntry) => {
                setPicked(a);
                setMode(undefined);
              },
              isSelected: (a: AllowEntry) => a.id === picked?.id,
            }
          : {})}
        empty={list.data ? 'Nothing allowed yet.' : 'Loading…'}
        columns={[
          { label: 'Value', render: (a) => `${a.kind} ${a.value}`, width: 'minmax(0,1fr)' },
          { label: 'Service', render: (a) => a.service ?? 'all', width: '6rem' },
          { label: 'Reason', render: (a) => a.reason, width: 'minmax(0,1.3fr)' },
          { label: 'Expires', render: (a) => (a.expiresAt ? time(a.expiresAt) : 'never'), width: '12.5rem' },
          { label: 'By', render: (a) => a.actor, width: '8rem' },
        ]}
      />
      {picked && mode === undefined ? (
        <div className="toolbar">
          <span>
            Selected: {picked.kind} {picked.value}
          </span>
          <button type="button" onClick={() => setMode('edit')}>
            Edit
          </button>
          <button type="button" onClick={() => setMode('end')}>
            Expire / remove
          </button>
        </div>
      ) : null}
      {picked && mode === 'end' ? (
        <EndEntry
          what={`allow entry ${picked.value}`}
          verb="Remove"
          onCancel={() => setMode(undefined)}
          onEnd={async (reason) => {
            await allow.remove(picked.id, reason);
            done();
          }}
        />
      ) : null}
    </div>
  );
}

function AllowForm(p: { entry: AllowEntry | undefined; onDone: () => void }) {
  const e = p.entry;
  const [value, setValue] = useState(e?.value ?? '');
  const [service, setService] = useState(e?.service ?? '');
  const [reason, setReason] = useState(e?.reason ?? '');
  const [ttl, setTtl] = useState(
    e?.expiresAt ? duration(Math.max(60, Math.round((e.expiresAt - Date.now()) / 60_000) * 60)) : 'permanent',
  );
  const [error, setError] = useState<string>();
  const ttlSeconds = ttl.trim() === 'permanent' ? undefined : parseDuration(ttl);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(undefined);
    try {
      const body: AllowBody = {
        value: value.trim(),
        reason: reason.trim(),
        ...(service.trim() ? { service: service.trim() } : {}),
        ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
        ...(e ? { kind: e.kind } : {}),
      };
      await allow.add(body);
      if (e) await allow.remove(e.id, `edited: ${reason.trim()}`);
      if (!e) {
        setValue('');
        setReason('');
      }
      p.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label={e ? 'Edit allow entry' : 'Add allow entry'}>
      <h3>{e ? `Edit ${e.value}` : 'Allow a client'}</h3>
      <div className="form-row">
        <label>
          Value{' '}
          <input
            value={value}
            onChange={(x) => setValue(x.target.value)}
            placeholder="IP, CIDR, AS123, country, crawler family"
            required
          />
        </label>
        <label>
          Service{' '}
          <input value={service} onChange={(x) => setService(x.target.value)} placeholder="all" className="narrow" />
        </label>
        <label>
          Duration <input value={ttl} onChange={(x) => setTtl(x.target.value)} className="narrow" />
        </label>
      </div>
      <label>
        Reason <input value={reason} onChange={(x) => setReason(x.target.value)} required />
      </label>
      {error ? <p className="error">{error}</p> : null}
      <button
        type="submit"
        className="primary"
        disabled={!value.trim() || !reason.trim() || (ttl.trim() !== 'permanent' && ttlSeconds === undefined)}
      >
        {e ? 'Save' : 'Add'}
      </button>
    </form>
  );
}
