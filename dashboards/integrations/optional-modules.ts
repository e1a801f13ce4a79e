// Modules owned by other parts of certwatch that the dashboard calls when they are
// installed (evidence packs; captures go through the queue); loaded on first use so
// the dashboard still serves triage where one is missing, and says so on the page.
import type { AppContext } from '../../pipeline/app/context.js';

export interface EvidenceApi {
  exportPack(ctx: AppContext, opts: { sellerId: number; out: string; actor: string }): Promise<unknown>;
}

export interface Integrations {
  evidence(): Promise<EvidenceApi | null>;
}

async function tryImport(relative: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(new URL(relative, import.meta.url).href)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

export function loadIntegrations(): Integrations {
  let evidence: Promise<EvidenceApi | null> | undefined;
  return {
    evidence() {
      evidence ??= tryImport('../../pipeline/evidence/index.js').then((m) =>
        m && typeof m.exportPack === 'function' ? (m as unknown as EvidenceApi) : null,
      );
      return evidence;
    },
  };
}
