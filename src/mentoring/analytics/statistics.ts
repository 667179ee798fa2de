/** Pearson's r with a 95 % confidence interval by Fisher's z transform (deterministic). */
export interface Correlation {
  n: number;
  r: number;
  low: number;
  high: number;
}

const Z95 = 1.959964;

/** Null when fewer than 4 pairs or either side has no spread (r is undefined then). */
export function correlate(xs: readonly number[], ys: readonly number[]): Correlation | null {
  const n = xs.length;
  if (n < 4 || ys.length !== n) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx < 1e-12 || syy < 1e-12) return null;
  const r = Math.max(-0.999999, Math.min(0.999999, sxy / Math.sqrt(sxx * syy)));
  const z = Math.atanh(r);
  const se = 1 / Math.sqrt(n - 3);
  return { n, r, low: Math.tanh(z - Z95 * se), high: Math.tanh(z + Z95 * se) };
}

export const round2 = (v: number) => Math.round(v * 100) / 100;
