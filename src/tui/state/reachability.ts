// Whether the CircleCI host answered the last request: the header's badge says `unreachable` while the
// last request through the source failed with a network error or a timeout, and `live` again after
// the next one that got an answer (any answer: a 404 is still the host talking).
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/errors.js';
import type { InvestigationSource, PipelinePager } from '../../source/source.js';

export type Reach = 'ok' | 'unreachable';

export class Reachability {
  private listeners = new Set<(r: Reach) => void>();
  state: Reach = 'ok';

  settled(e?: unknown): void {
    const next: Reach = e !== undefined && isApiError(e) && (e.kind === 'network' || e.kind === 'timeout') ? 'unreachable' : 'ok';
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l(next);
  }

  subscribe(fn: (r: Reach) => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }
}

function track<T>(p: Promise<T>, reach: Reachability): Promise<T> {
  return p.then(
    (v) => {
      reach.settled();
      return v;
    },
    (e: unknown) => {
      reach.settled(e);
      throw e;
    },
  );
}

/** The same source, each call's outcome told to `reach`. An offline source is returned as it is: it has no host. */
export function watchSource(source: InvestigationSource, reach: Reachability): InvestigationSource {
  if (source.kind !== 'live') return source;
  return new Proxy(source, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (prop === 'pipelines') {
          const pager = out as PipelinePager;
          return { next: () => track(pager.next(), reach) } satisfies PipelinePager;
        }
        return out instanceof Promise ? track(out, reach) : out;
      };
    },
  });
}

/** The badge's state, rendered again when it changes. */
export function useReach(reach: Reachability): Reach {
  const [state, setState] = useState(reach.state);
  useEffect(() => reach.subscribe(setState), [reach]);
  return state;
}
