// Loads one node's step output into a LogBuffer, re-loads it every 2 s while following a running step, and
// prepares the search copy and error list in small idle slices so the first `/` or `e` is instant.
import { useCallback, useEffect, useRef, useState } from 'react';
import { LogBuffer } from '../../log/log-buffer.js';
import type { InvestigationSource, LoadedOutput } from '../../source/source.js';
import { sanitize } from '../../text/sanitize.js';
import { nodeLabel } from '../node-label.js';

export const FOLLOW_INTERVAL_MS = 2000;
/** Longest a background slice may hold the event loop (keys stay responsive). */
const PREP_SLICE_MS = 12;

export type OutputSource = Pick<InvestigationSource, 'stepOutput'>;

export interface LogOutput {
  buffer: LogBuffer | null;
  /** Changes whenever the buffer's text changes (the buffer object itself is reused when following). */
  version: number;
  loading: boolean;
  error: string | null;
  format: LoadedOutput['format'] | null;
  truncated: boolean;
  final: boolean;
  hasTimes: boolean;
  /** The error lines are known (the gutter can mark them). */
  errorsReady: boolean;
  /** Load again now, keeping the scroll position (the `r` key). */
  reload(): void;
}

interface Meta {
  format: LoadedOutput['format'] | null;
  truncated: boolean;
  final: boolean;
  hasTimes: boolean;
}

const NO_META: Meta = { format: null, truncated: false, final: false, hasTimes: false };

/** First line of an error, safe to print. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return sanitize(text.split('\n')[0] ?? '', { keepColor: false, maxLineLength: 200 });
}

export function useLogOutput(
  source: OutputSource,
  jobNumber: number,
  step: number,
  node: number,
  following: boolean,
  onStatus: (msg: string) => void,
): LogOutput {
  const [buffer, setBuffer] = useState<LogBuffer | null>(null);
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [meta, setMeta] = useState<Meta>(NO_META);
  const [errorsReady, setErrorsReady] = useState(false);
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const bufferRef = useRef<LogBuffer | null>(null);
  bufferRef.current = buffer;
  const inFlight = useRef(false);

  const apply = useCallback((out: LoadedOutput, into: LogBuffer | null): LogBuffer => {
    setMeta({ format: out.format, truncated: out.truncated, final: out.final, hasTimes: out.times.length > 0 });
    if (into) {
      into.replace(out.text, out.times);
      setVersion((v) => v + 1);
      return into;
    }
    const fresh = new LogBuffer(out.text, out.times);
    setBuffer(fresh);
    setVersion((v) => v + 1);
    return fresh;
  }, []);

  // First load, and again for another node.
  useEffect(() => {
    let live = true;
    setBuffer(null);
    setLoading(true);
    setError(null);
    setMeta(NO_META);
    sourceRef.current.stepOutput(jobNumber, step, node).then(
      (out) => {
        if (!live) return;
        apply(out, null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        const msg = oneLine(e);
        setError(msg);
        setLoading(false);
        statusRef.current(`log of job ${jobNumber} step ${step} ${nodeLabel(node)}: ${msg}`);
      },
    );
    return () => {
      live = false;
    };
  }, [jobNumber, step, node, apply]);

  const refetch = useCallback(
    (isLive: () => boolean) => {
      if (inFlight.current) return;
      inFlight.current = true;
      sourceRef.current.stepOutput(jobNumber, step, node).then(
        (out) => {
          inFlight.current = false;
          if (!isLive()) return;
          apply(out, bufferRef.current);
          setError(null);
        },
        (e: unknown) => {
          inFlight.current = false;
          if (isLive()) statusRef.current(`refreshing the log failed: ${oneLine(e)}`);
        },
      );
    },
    [jobNumber, step, node, apply],
  );

  // Following a running step: poll until the output is final.
  const final = meta.final;
  const ready = buffer !== null;
  useEffect(() => {
    if (!following || final || !ready) return;
    let live = true;
    const timer = setInterval(() => refetch(() => live), FOLLOW_INTERVAL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [following, final, ready, refetch]);

  // Background search preparation, re-run after every change of the text.
  useEffect(() => {
    setErrorsReady(buffer?.errorsReady ?? false);
    if (!buffer) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      if (!buffer.prepareSearch(PREP_SLICE_MS)) {
        timer = setTimeout(slice, 0);
        return;
      }
      // The error scan is one pass over the search copy; it lets the gutter mark error lines.
      timer = setTimeout(() => {
        buffer.errorLines();
        setErrorsReady(true);
      }, 0);
    };
    timer = setTimeout(slice, 0);
    return () => clearTimeout(timer);
  }, [buffer, version]);

  const reloadLive = useRef({ live: true });
  useEffect(() => {
    const token = { live: true };
    reloadLive.current = token;
    return () => {
      token.live = false;
    };
  }, [jobNumber, step, node]);
  const reload = useCallback(() => {
    const token = reloadLive.current;
    refetch(() => token.live);
  }, [refetch]);

  return { buffer, version, loading, error, ...meta, errorsReady, reload };
}
