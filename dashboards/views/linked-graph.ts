// The linked-sellers graph: this seller in the middle, sellers sharing a contact
// (and sellers merged into it) around it, as inline SVG — no script, no library.
import { html, type SafeHtml } from '../html/escape.js';
import type { LinkedSeller } from '../storage/seller-page.js';

export function linkedGraph(centerId: number, linked: LinkedSeller[], mergedFrom: number[]): SafeHtml {
  const nodes = [
    ...linked.map((l) => ({ id: l.seller_id, label: l.via.map((v) => `${v.kind}:${v.value}`).join(', '), kind: 'linked', status: l.status })),
    ...mergedFrom.map((id) => ({ id, label: 'merged', kind: 'merged', status: 'merged' })),
  ].slice(0, 16);
  const w = 360;
  const h = 240;
  const cx = w / 2;
  const cy = h / 2;
  const r = nodes.length > 8 ? 100 : 85;
  const placed = nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(nodes.length, 1) - Math.PI / 2;
    return { ...n, x: Math.round(cx + r * Math.cos(a)), y: Math.round(cy + r * Math.sin(a)) };
  });
  return html`<svg class="graph" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="linked sellers">
${placed.map(
  (n) => html`<line x1="${cx}" y1="${cy}" x2="${n.x}" y2="${n.y}" stroke="${n.kind === 'merged' ? '#999' : '#c0392b'}" stroke-width="1.5"${n.kind === 'merged' ? html` stroke-dasharray="4 3"` : ''}><title>${n.label}</title></line>`,
)}
<circle cx="${cx}" cy="${cy}" r="22" fill="#1f4e79"></circle>
<text x="${cx}" y="${cy + 4}" text-anchor="middle" fill="#fff" font-size="12">#${centerId}</text>
${placed.map(
  (n) => html`<a href="/sellers/${n.id}"><circle cx="${n.x}" cy="${n.y}" r="17" fill="${n.kind === 'merged' ? '#bbb' : '#f4b183'}"><title>${n.label}</title></circle>
<text x="${n.x}" y="${n.y + 4}" text-anchor="middle" font-size="11">#${n.id}</text></a>`,
)}
</svg>`;
}
