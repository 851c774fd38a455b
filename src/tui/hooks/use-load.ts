// Loads pane data through the source. Results are kept in the session's typed cache (state/loaded-cache.ts), so
// going back shows the previous list at once; `reload()` fetches again. While loading or after an error the
// previous data stays on screen: the status line carries the message.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { LoadedCache, type CacheEntry } from '../state/loaded-cache.js';

/** The app provides one cache per session; a pane mounted on its own (tests) gets a fresh one. */
export const LoadedCacheContext = createContext<LoadedCache>(new LoadedCache());

export const useLoadedCache = (): LoadedCache => useContext(LoadedCacheContext);

export interface Loaded<T> { data: T | undefined; loading: boolean; error: string | null; reload(): void }

/** `entry` picks the cache slot (null: nothing to load yet); `load` fills it when it is empty or on `reload()`. */
export function useLoad<T>(entry: (cache: LoadedCache) => CacheEntry<T> | null, load: () => Promise<T>, onError?: (msg: string) => void): Loaded<T> {
  const cache = useLoadedCache();
  const slot = entry(cache);
  const id = slot?.id ?? null;
  // Data is held with the slot it came from: when the slot changes (the preview column's row), the old slot's data
  // is not shown as the new one's, even for the one render before the effect below runs.
  const [held, setHeld] = useState<{ id: string | null; data: T | undefined }>(() => ({ id, data: slot?.get() }));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const errRef = useRef(onError);
  errRef.current = onError;
  const slotRef = useRef(slot);
  slotRef.current = slot;

  useEffect(() => {
    const target = slotRef.current;
    if (!target) return;
    let live = true;
    const cached = target.get();
    if (cached !== undefined && nonce === 0) {
      setHeld({ id: target.id, data: cached });
      return;
    }
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (v) => {
        if (!live) return;
        target.set(v);
        setHeld({ id: target.id, data: v });
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
  }, [id, nonce, cache]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const data = held.id === id ? held.data : slot?.get();
  return { data, loading, error, reload };
}
