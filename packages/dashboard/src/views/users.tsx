/**
 * Users: who can log in, with which role and when they last did; invite (users:manage), change a role and
 * remove someone, each after an explicit confirmation. The server refuses to demote or remove the last
 * admin and says so.
 */
import { useState } from 'react';
import { type Role, type TeamUser, users } from '../api/team.js';
import { useApi } from '../api/use-api.js';
import { useCan, useSession } from '../session-context.js';
import { Confirm } from '../ui/confirm.js';
import { time } from '../ui/format.js';
import { VirtualTable } from '../ui/table.js';
import { InviteUser } from './invite-user.js';
import { RoleSelect } from './role-select.js';

type Pending = { kind: 'role'; role: Role } | { kind: 'remove' };

export function UsersView() {
  const list = useApi(() => users.list(), 'users');
  const can = useCan();
  const me = useSession()?.user;
  const manage = can('users:manage');
  const [picked, setPicked] = useState<TeamUser>();
  const [role, setRole] = useState<Role>('viewer');
  const [pending, setPending] = useState<Pending>();
  const [note, setNote] = useState<string>();
  const pick = (u: TeamUser) => {
    setPicked(u);
    setRole(u.role);
    setPending(undefined);
    setNote(undefined);
  };
  const unlock = async (u: TeamUser) => {
    try {
      await users.unlock(u.id);
      setNote(`Log-in lock-out of ${u.email} cleared: they can try again now.`);
      const { lockedUntil: _cleared, ...unlocked } = u;
      setPicked(unlocked);
      list.reload();
    } catch (err) {
      setNote(err instanceof Error ? err.message : String(err));
    }
  };
  const done = () => {
    setPicked(undefined);
    setPending(undefined);
    setNote(undefined);
    list.reload();
  };
  return (
    <div className="stack">
      <h2>Users</h2>
      {manage ? <InviteUser onInvited={list.reload} /> : null}
      {list.error ? <p className="error">{list.error}</p> : null}
      <VirtualTable<TeamUser>
        label="Users"
        rows={list.data?.users ?? []}
        rowKey={(u) => u.id}
        {...(manage ? { onActivate: pick, isSelected: (u: TeamUser) => u.id === picked?.id } : {})}
        empty={list.data ? 'No users yet: invite someone above.' : 'Loading…'}
        columns={[
          {
            label: 'E-mail',
            render: (u) => (u.id === me?.id ? `${u.email} (you)` : u.email),
            width: 'minmax(0,1.4fr)',
          },
          { label: 'Role', render: (u) => u.role, width: '6rem' },
          {
            label: 'Status',
            render: (u) => (u.lockedUntil ? `locked until ${time(u.lockedUntil).slice(11, 16)} UTC` : u.status),
            width: '9rem',
          },
          { label: 'Invited', render: (u) => time(u.createdAt), width: '12.5rem' },
          { label: 'Last log-in', render: (u) => (u.lastLoginAt ? time(u.lastLoginAt) : 'never'), width: '12.5rem' },
        ]}
      />
      {manage && !picked ? <p className="muted small">Select a person to change their role or remove them.</p> : null}
      {manage && picked && !pending ? (
        <fieldset className="toolbar" aria-label={`Change ${picked.email}`}>
          <span>{picked.email}</span>
          <RoleSelect value={role} onChange={setRole} ariaLabel={`New role for ${picked.email}`} />
          <button type="button" disabled={role === picked.role} onClick={() => setPending({ kind: 'role', role })}>
            Change role
          </button>
          {picked.lockedUntil ? (
            <button type="button" onClick={() => unlock(picked)} title="After too many wrong passwords">
              Clear log-in lock-out
            </button>
          ) : null}
          <button type="button" className="danger" onClick={() => setPending({ kind: 'remove' })}>
            Remove
          </button>
        </fieldset>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
      {picked && pending?.kind === 'role' ? (
        <Confirm
          label="Confirm the role change"
          verb={`Make ${pending.role}`}
          onCancel={() => setPending(undefined)}
          onConfirm={async () => {
            await users.setRole(picked.id, pending.role);
            done();
          }}
        >
          Change <strong>{picked.email}</strong> from {picked.role} to {pending.role}? It applies to their next request.
        </Confirm>
      ) : null}
      {picked && pending?.kind === 'remove' ? (
        <Confirm
          label="Confirm the removal"
          verb="Remove"
          danger
          onCancel={() => setPending(undefined)}
          onConfirm={async () => {
            await users.remove(picked.id);
            done();
          }}
        >
          Remove <strong>{picked.email}</strong>? Their sessions end at once and they can no longer log in. The audit
          log keeps what they did.
        </Confirm>
      ) : null}
    </div>
  );
}
