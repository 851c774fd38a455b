import { createHash } from 'node:crypto';

// Every id in the story is derived from a human-readable label, so two simulator
// processes (or two runs a year apart) serve byte-identical data.

export function sha1Hex(label: string): string {
  return createHash('sha1').update(label).digest('hex');
}

/** A v4-looking UUID built from sha1(label): version nibble 4, RFC 4122 variant. */
export function stableUuid(label: string): string {
  const h = sha1Hex(`circle-sleuth-sim:${label}`);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Deterministic lowercase hex string of the given length. */
export function stableHex(label: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += sha1Hex(`${label}#${i}`);
  return out.slice(0, length);
}

/** Small seeded PRNG (mulberry32): fast, deterministic, good enough for fake data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed derived from a label, for per-job / per-step randomness. */
export function seedOf(label: string): number {
  return parseInt(sha1Hex(label).slice(0, 8), 16);
}

export function pick<T>(items: readonly T[], r: number): T {
  const item = items[Math.floor(r * items.length) % items.length];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

/** Integer in [min, max] from a random number in [0, 1). */
export function between(r: number, min: number, max: number): number {
  return min + Math.floor(r * (max - min + 1));
}
