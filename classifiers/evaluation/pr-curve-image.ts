// Draws the precision–recall curve(s) of an evaluation as SVG or PNG, so a model
// card or an analyst can see the trade-off behind the chosen thresholds.
import { PNG } from 'pngjs';
import type { PrPoint } from './metrics.js';

export interface Curve {
  name: string;
  color: string;
  points: PrPoint[];
}

const W = 480;
const H = 400;
const PAD = 50;
const x = (recall: number) => PAD + recall * (W - 2 * PAD);
const y = (precision: number) => H - PAD - precision * (H - 2 * PAD);
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function prCurveSvg(curves: Curve[], title: string): string {
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle">${escapeXml(title)}</text>`);
  parts.push(`<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="black"/><line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${H - PAD}" stroke="black"/>`);
  for (let t = 0; t <= 10; t += 2) {
    parts.push(`<text x="${x(t / 10)}" y="${H - PAD + 16}" text-anchor="middle">${t / 10}</text><text x="${PAD - 6}" y="${y(t / 10) + 4}" text-anchor="end">${t / 10}</text>`);
  }
  parts.push(`<text x="${W / 2}" y="${H - 10}" text-anchor="middle">recall</text><text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">precision</text>`);
  curves.forEach((c, k) => {
    const pts = [[0, c.points[0]?.precision ?? 1], ...c.points.map((p) => [p.recall, p.precision])].map(([r, p]) => `${x(r!).toFixed(1)},${y(p!).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${c.color}" stroke-width="2" points="${pts.join(' ')}"/>`);
    parts.push(`<rect x="${PAD + 10}" y="${PAD + 10 + k * 18}" width="12" height="4" fill="${c.color}"/><text x="${PAD + 28}" y="${PAD + 16 + k * 18}">${escapeXml(c.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function hex(color: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [0, 0, 0];
}

/** The same plot as a PNG (axes and curves; legend colours in the order given). */
export function prCurvePng(curves: Curve[]): Buffer {
  const png = new PNG({ width: W, height: H });
  png.data.fill(255);
  const set = (px: number, py: number, [r, g, b]: [number, number, number]) => {
    const X = Math.round(px);
    const Y = Math.round(py);
    if (X < 0 || Y < 0 || X >= W || Y >= H) return;
    const o = (Y * W + X) * 4;
    png.data[o] = r;
    png.data[o + 1] = g;
    png.data[o + 2] = b;
    png.data[o + 3] = 255;
  };
  const line = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]) => {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let s = 0; s <= steps; s++) {
      const px = x0 + ((x1 - x0) * s) / steps;
      const py = y0 + ((y1 - y0) * s) / steps;
      set(px, py, c);
      set(px + 1, py, c);
    }
  };
  line(x(0), y(0), x(1), y(0), [0, 0, 0]);
  line(x(0), y(0), x(0), y(1), [0, 0, 0]);
  for (let t = 0; t <= 10; t++) {
    line(x(t / 10), y(0), x(t / 10), y(0) + 4, [0, 0, 0]);
    line(x(0) - 4, y(t / 10), x(0), y(t / 10), [0, 0, 0]);
  }
  curves.forEach((c, k) => {
    const col = hex(c.color);
    let prev: [number, number] = [0, c.points[0]?.precision ?? 1];
    for (const p of c.points) {
      line(x(prev[0]), y(prev[1]), x(p.recall), y(p.precision), col);
      prev = [p.recall, p.precision];
    }
    line(PAD + 10, PAD + 12 + k * 18, PAD + 22, PAD + 12 + k * 18, col);
  });
  return PNG.sync.write(png);
}
