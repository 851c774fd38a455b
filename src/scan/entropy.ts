// Shannon entropy in bits per character, the measure gitleaks' thresholds are written in.

export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...s].length;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Rounded for output (two decimals). */
export const roundEntropy = (h: number): number => Math.round(h * 100) / 100;
