// Loads pane data through the source. Results are memoised for the session (keyed), so going back
// shows the previous list at once; `reload()` fetches again. While loading or after an error the
// previous data stays on screen: the status line carries the message.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';

export type Memo = Map<string, unknown>;
export const MemoContext = createContext<Memo>(new Map());

export interface Loaded<T> { data: T | undefined; loading: boolean; error: string | null; reload(): void }

export function useLoad<T>(key: string | null, load: () => Promise<T>, onError?: (msg: string) => void): Loaded<T> {
  const memo = useContext(MemoContext);
  const [data, setData] = useState<T | undefined>(() => (key ? (memo.get(key) as T | undefined) : undefined));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const errRef = useRef(onError);
  errRef.current = onError;

  useEffect(() => {
    if (!key) return;
    let live = true;
    const cached = memo.get(key) as T | undefined;
    if (cached !== undefined && nonce === 0) {
      setData(cached);
      return;
    }
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (v) => {
        if (!live) return;
        memo.set(key, v);
        setData(v);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        const msg = e instanceof Error ? e.message : String(e);
        setError(msg);
        setLoading(false);
        errRef.current?.(msg);
      },
    );
    return () => {
      live = false;
    };
  }, [key, nonce, memo]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, loading, error, reload };
}
