// Platt scaling: maps raw linear scores to probabilities, fitted on out-of-fold
// scores so that "0.9" means nine in ten such posts really are seller ads.
export function fitPlatt(z: number[], y: Array<0 | 1>): { a: number; b: number } {
  const nPos = y.filter((v) => v === 1).length;
  const nNeg = y.length - nPos;
  // Platt's smoothed targets keep the fit finite when the classes separate perfectly.
  const tPos = (nPos + 1) / (nPos + 2);
  const tNeg = 1 / (nNeg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const t = y[i] === 1 ? tPos : tNeg;
      const p = 1 / (1 + Math.exp(-(a * z[i]! + b)));
      const d = p - t;
      ga += d * z[i]!;
      gb += d;
      const s = p * (1 - p);
      haa += s * z[i]! * z[i]!;
      hab += s * z[i]!;
      hbb += s;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}
