/** In-app link: a real anchor (keyboard, middle-click) whose target is always an app path, never log data. */
import type { ReactNode } from 'react';
import { navigate } from '../router.js';

export function Link(props: { to: string; children: ReactNode; className?: string }) {
  const to = props.to.startsWith('/') ? props.to : '/';
  return (
    <a
      href={to}
      className={props.className}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {props.children}
    </a>
  );
}

/** `/findings/<id>` with the id encoded (ids come from the server, but are encoded anyway). */
export const pathOf = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;
