// Types for ci-noise.mjs (tests import it).
export function rng(seed?: number): () => number;
export const TEMPLATES: ((r: () => number) => string)[];
export function noiseLine(r: () => number): string;
export function noiseChunks(n: number, seed?: number, chunk?: number): Generator<string, void, unknown>;
