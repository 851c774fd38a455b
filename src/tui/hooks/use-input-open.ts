// Tells the app when a pane's text prompt opens or closes (it then routes every key to the prompt),
// once per change, and a close if the pane unmounts with the prompt open.
import { useCallback, useEffect, useRef } from 'react';

export function useInputOpen(report: ((open: boolean) => void) | undefined): (open: boolean) => void {
  const reportRef = useRef(report);
  reportRef.current = report;
  const reported = useRef(false);
  useEffect(
    () => () => {
      if (reported.current) reportRef.current?.(false);
    },
    [],
  );
  return useCallback((open: boolean) => {
    if (reported.current === open) return;
    reported.current = open;
    reportRef.current?.(open);
  }, []);
}

/** Control characters never belong in a typed filter (a paste could carry escape sequences). */
export const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
