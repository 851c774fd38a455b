// Earliest / latest of timestamps that may be missing or unparsable (evidence is untrusted).

const ms = (t: string | null | undefined): number => (t ? Date.parse(t) : Number.NaN);

export function earliest(times: readonly (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const t of times) if (t && !Number.isNaN(ms(t)) && (best === null || ms(t) < ms(best))) best = t;
  return best;
}

export function latest(times: readonly (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const t of times) if (t && !Number.isNaN(ms(t)) && (best === null || ms(t) > ms(best))) best = t;
  return best;
}

/** Milliseconds between two timestamps, or null when either is unknown or the order is wrong. */
export function between(start: string | null, stop: string | null): number | null {
  const d = ms(stop) - ms(start);
  return Number.isFinite(d) && d >= 0 ? d : null;
}
