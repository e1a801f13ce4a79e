// The versions of everything that touched a capture or a pack, recorded with it so
// a court expert can say which software produced which file.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function packageVersion(name: string): string {
  try {
    // Read from node_modules directly: some packages (warcio) do not export package.json.
    const pkgPath = name === 'certwatch' ? join(ROOT, 'package.json') : join(ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

let cached: Record<string, string> | undefined;

/** certwatch and library versions; the browser's own version is added per capture. */
export function toolVersions(): Record<string, string> {
  cached ??= {
    certwatch: packageVersion('certwatch'),
    node: process.versions.node,
    openssl: process.versions.openssl,
    playwright: packageVersion('playwright'),
    warcio: packageVersion('warcio'),
    yazl: packageVersion('yazl'),
    exceljs: packageVersion('exceljs'),
  };
  return { ...cached };
}
