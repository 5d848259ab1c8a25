/** The logged-in session for every view: `useCan('reports:decide')` decides whether a control is shown. */
import { createContext, useContext } from 'react';
import { can, type Session } from './api/session.js';

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session | undefined {
  return useContext(SessionContext);
}

/** A function telling whether the current session holds a permission (false outside a session). */
export function useCan(): (permission: string) => boolean {
  const s = useContext(SessionContext);
  return (permission) => (s ? can(s, permission) : false);
}
