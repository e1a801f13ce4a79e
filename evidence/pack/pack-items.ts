// The 电子数据清单: one item per captured file, with the Chinese category and format a
// 提取笔录 uses, shared by the manifest, the report and the XLSX so they never disagree.
import type { PackInputs } from './pack-inputs.js';
import { evidencePath, ROLE_ORDER } from './pack-paths.js';

export interface PackItem {
  no: number;
  /** The `evidence` row this file comes from. */
  evidenceId: number;
  path: string;
  role: string;
  /** 类别 */
  category: string;
  /** 格式 */
  format: string;
  mediaType: string;
  size: number;
  sha256: string;
  sm3: string;
  url: string;
  capturedAt: string;
  listingId: number;
  captureId: number;
  derivedFrom: string | null;
}

const ROLE_LABELS: Record<string, { category: string; format: string }> = {
  screenshot: { category: '网页全页截图', format: 'PNG' },
  screenshot_banner: { category: '网页截图（加注网址与时间）', format: 'PNG' },
  html_served: { category: '网页源代码（服务器原始响应）', format: 'HTML' },
  dom: { category: '渲染后网页（DOM）', format: 'HTML' },
  mhtml: { category: '网页快照', format: 'MHTML' },
  warc: { category: '网络通信记录', format: 'WARC/1.1' },
  metadata: { category: '提取过程元数据', format: 'JSON' },
  wacz: { category: '网页回放包（由 WARC 生成）', format: 'WACZ' },
};

export function roleLabel(role: string): { category: string; format: string } {
  return ROLE_LABELS[role] ?? { category: '其他', format: '—' };
}

export function packItems(inputs: PackInputs): PackItem[] {
  const items: PackItem[] = [];
  for (const c of inputs.captures) {
    if (c.error) continue;
    const pathBySha = new Map<string, string>();
    const files = [...c.files].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
    for (const f of files) pathBySha.set(f.sha256, evidencePath(c.listing_id, c.id, f.role));
    for (const f of files) {
      items.push({
        no: items.length + 1,
        evidenceId: f.id,
        path: evidencePath(c.listing_id, c.id, f.role),
        role: f.role,
        ...roleLabel(f.role),
        mediaType: f.media_type,
        size: Number(f.size),
        sha256: f.sha256,
        sm3: f.sm3,
        url: c.url,
        capturedAt: new Date(f.captured_at).toISOString(),
        listingId: c.listing_id,
        captureId: c.id,
        derivedFrom: f.derived_from ? (pathBySha.get(f.derived_from) ?? null) : null,
      });
    }
  }
  return items;
}
