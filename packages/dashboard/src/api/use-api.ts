/** Loads data for a view: re-runs when `key` changes, keeps the last answer while reloading, never races. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
  reload(): void;
}

export function useApi<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the inputs; `tick` forces a reload.
  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    loader
      .current()
      .then((d) => {
        if (mine !== generation.current) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => mine === generation.current && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => mine === generation.current && setLoading(false));
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
