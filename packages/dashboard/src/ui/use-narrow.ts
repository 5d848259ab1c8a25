/** True on narrow screens (≤ 700 px), where tables drop their secondary columns. */
import { useEffect, useState } from 'react';

const QUERY = '(max-width: 700px)';

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const m = window.matchMedia(QUERY);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}
