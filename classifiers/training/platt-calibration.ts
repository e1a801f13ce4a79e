// Platt scaling: maps raw linear scores to probabilities, fitted on out-of-fold
// scores so that "0.9" means nine in ten such posts really are seller ads.

/** log(1 + e^u) − t·u: the smoothed-target log loss of one score, without overflow at large |u|. */
const loss = (u: number, t: number) => (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - t * u;

/**
 * Newton's method with a backtracking line search (Lin, Lin & Weng's safeguarded form of Platt's fit):
 * plain Newton steps from a = 1 diverged when out-of-fold scores run to ±15 and more, as a fit driven
 * to its optimum gives on a small, separable set (a = 487 came back, and the ranking with it).
 */
export function fitPlatt(z: number[], y: Array<0 | 1>): { a: number; b: number } {
  const nPos = y.filter((v) => v === 1).length;
  const nNeg = y.length - nPos;
  // Platt's smoothed targets keep the fit finite when the classes separate perfectly.
  const tPos = (nPos + 1) / (nPos + 2);
  const tNeg = 1 / (nNeg + 2);
  const t = y.map((v) => (v === 1 ? tPos : tNeg));
  const objective = (a: number, b: number) => {
    let f = 0;
    for (let i = 0; i < z.length; i++) f += loss(a * z[i]! + b, t[i]!);
    return f;
  };
  let a = 0;
  let b = Math.log((nPos + 1) / (nNeg + 1));
  let f = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < z.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * z[i]! + b)));
      const d = p - t[i]!;
      ga += d * z[i]!;
      gb += d;
      const s = p * (1 - p);
      haa += s * z[i]! * z[i]!;
      hab += s * z[i]!;
      hbb += s;
    }
    if (Math.abs(ga) < 1e-6 && Math.abs(gb) < 1e-6) break;
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-300)) break;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    let step = 1;
    let moved = false;
    for (; step >= 1e-10; step /= 2) {
      const fNext = objective(a + step * da, b + step * db);
      if (fNext <= f + 1e-4 * step * slope) {
        a += step * da;
        b += step * db;
        f = fNext;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return { a, b };
}
