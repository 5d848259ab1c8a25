/** Shown instead of a page the session's role or token scopes do not allow (the API would refuse it too). */
import type { Session } from '../api/session.js';

export function NotAllowed(p: { session: Session; permission: string }) {
  const who = p.session.user ? `the ${p.session.user.role} role` : 'this API token';
  return (
    <div className="stack">
      <h2>Not available</h2>
      <p className="warn" role="alert">
        This page needs the <code>{p.permission}</code> permission, which {who} does not have. An admin can change your
        role under <em>Users</em>.
      </p>
    </div>
  );
}
