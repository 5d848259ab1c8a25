/**
 * API tokens for machines (Settings; admins): the list, creating one with scopes (its text is shown once:
 * only a hash is stored) and revoking one after a confirmation. Revoking the token this browser logged
 * in with ends this session too.
 */
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { useCan, useSession } from '../session-context.js';
import { AlertText } from '../ui/alert-text.js';
import { Confirm } from '../ui/confirm.js';
import { CopyBlock } from '../ui/copy.js';
import { time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';

const SCOPES = ['read', 'ingest', 'bouncer', 'admin'] as const;
type Scope = (typeof SCOPES)[number];
const WHAT: Record<Scope, string> = {
  read: 'look at everything, like a viewer',
  ingest: 'send logs',
  bouncer: 'fetch the ban and allow lists (firewalls)',
  admin: 'everything',
};

interface TokenRow {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt?: number;
  readonly revokedAt?: number;
}

const tokenApi = {
  list: () => unwrap<{ tokens: TokenRow[] }>(api.GET('/api/v1/tokens')),
  create: (name: string, scopes: Scope[]) =>
    unwrap<{ token: string; record: TokenRow }>(api.POST('/api/v1/tokens', { body: { name, scopes } })),
  revoke: (id: string) => unwrap<unknown>(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
};

export function ApiTokens() {
  const list = useApi(() => tokenApi.list(), 'tokens');
  const manage = useCan()('tokens:manage');
  const mine = useSession()?.token?.name;
  const [picked, setPicked] = useState<TokenRow>();
  const active = (t: TokenRow) => !t.revokedAt;
  return (
    <div className="stack">
      {manage ? <CreateToken onCreated={list.reload} /> : null}
      {list.error ? <p className="error">{list.error}</p> : null}
      <VirtualTable<TokenRow>
        label="API tokens"
        rows={list.data?.tokens ?? []}
        rowKey={(t) => t.id}
        {...(manage
          ? { onActivate: (t: TokenRow) => active(t) && setPicked(t), isSelected: (t: TokenRow) => t.id === picked?.id }
          : {})}
        columns={[
          { label: 'Name', render: (t) => (t.name === mine ? `${t.name} (this session)` : t.name), width: '1fr' },
          { label: 'Scopes', render: (t) => t.scopes.join(', '), width: '1fr' },
          { label: 'Created', render: (t) => time(t.createdAt), width: '12.5rem' },
          { label: 'Status', render: (t) => (t.revokedAt ? `revoked ${time(t.revokedAt)}` : 'active'), width: '15rem' },
          { label: 'Id', render: (t) => t.id, width: '9rem' },
        ]}
      />
      {manage && !picked ? <p className="muted small">Select an active token to revoke it.</p> : null}
      {picked ? (
        <Confirm
          label="Confirm revoking the token"
          verb="Revoke"
          danger
          onCancel={() => setPicked(undefined)}
          onConfirm={async () => {
            await tokenApi.revoke(picked.id);
            setPicked(undefined);
            list.reload();
          }}
        >
          Revoke <strong>{picked.name}</strong> ({picked.scopes.join(', ')})? Whatever uses it is refused from its next
          request{picked.name === mine ? ', including this browser session' : ''}.
        </Confirm>
      ) : null}
    </div>
  );
}

function CreateToken(p: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<Scope>>(new Set(['ingest']));
  const [made, setMade] = useState<{ name: string; token: string }>();
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setMade(undefined);
    try {
      const answer = await tokenApi.create(
        name.trim(),
        SCOPES.filter((s) => scopes.has(s)),
      );
      setMade({ name: answer.record.name, token: answer.token });
      setName('');
      p.onCreated();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const flip = (s: Scope) => {
    const next = new Set(scopes);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    setScopes(next);
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Create an API token">
      <div className="form-row">
        <label>
          Token name{' '}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="nginx-shipper" required />
        </label>
        {SCOPES.map((s) => (
          <label key={s} className="check" title={WHAT[s]}>
            <input type="checkbox" checked={scopes.has(s)} onChange={() => flip(s)} /> {s}
          </label>
        ))}
        <button type="submit" className="primary" disabled={name.trim() === '' || scopes.size === 0}>
          Create token
        </button>
      </div>
      <p className="muted small">
        {SCOPES.map((s) => `${s}: ${WHAT[s]}`).join('; ')}. Letters, digits and . _ @ - in the name.
      </p>
      <AlertText error={error} />
      {made ? (
        <div data-testid="token-result" role="status">
          <CopyBlock label={`Token ${made.name} (shown only now)`} text={made.token} />
        </div>
      ) : null}
    </form>
  );
}
