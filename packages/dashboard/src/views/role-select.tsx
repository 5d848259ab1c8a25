/** "Role" and a choice of the three roles: inviting someone and changing a person's role use it. */
import { ROLES, type Role } from '../api/team.js';

export function RoleSelect(p: { value: Role; onChange: (role: Role) => void; ariaLabel?: string }) {
  return (
    <label>
      Role{' '}
      <select value={p.value} onChange={(e) => p.onChange(e.target.value as Role)} aria-label={p.ariaLabel}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </label>
  );
}
