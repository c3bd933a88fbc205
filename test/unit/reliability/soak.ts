// The reliability suites run with small counts in `npm test` and with full counts under
// `npm run test:soak` (MANAGED_AGENTS_SOAK=1). Every figure a test reports goes through `report`,
// which the soak runner collects into one table.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SOAK = process.env.MANAGED_AGENTS_SOAK === '1';

/** `normal` in the default run, `soak` under `npm run test:soak`. */
export function count(normal: number, soak: number): number {
  return SOAK ? soak : normal;
}

/** mulberry32: deterministic, so a failing case can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Records a figure (e.g. "fuzz cases": 10000) in MANAGED_AGENTS_RELIABILITY_REPORT (a JSON lines
 * file) when set; the soak runner prints them. A no-op otherwise.
 */
export function report(name: string, value: number | string, layer = 'unit'): void {
  const file = process.env.MANAGED_AGENTS_RELIABILITY_REPORT;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify({ layer, name, value, soak: SOAK }) + '\n');
}
