// Equivalence check for classifier speed work: dumps every observable output (classifyPost,
// normalizeText, contact view, contacts, tags, feature idx/val/what, masked view, raw score) for
// the corpus, the shared real-world files, their obfuscated variants, 300-character bench posts
// and seeded fuzz, so two code versions can be compared line by line. Dumps hold real-world
// texts: write them outside the repository.
//
//   node bin/run-ts.mjs test/bench/classifier-equivalence.ts dump /tmp/a.jsonl [--root DIR] [--model FILE]
//   node bin/run-ts.mjs test/bench/classifier-equivalence.ts compare /tmp/a.jsonl /tmp/b.jsonl
//
// --root: another checkout's directory (its classifiers/ is loaded instead of this one's);
// --model: a model file, so a retrained shipped model does not show up as a difference.
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_OBFUSCATIONS, obfuscate, obfuscateRandomly } from '../../classifiers/evaluation/obfuscate.js';
import { sharedDataDir } from '../../classifiers/evaluation/shared-data-path.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

const here = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function jsonlTexts(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { text?: unknown }).text ?? ''));
}

function texts(): string[] {
  const base = jsonlTexts(resolve(here, 'classifiers/corpus/corpus.jsonl'));
  const shared = sharedDataDir();
  if (shared && existsSync(shared)) for (const f of readdirSync(shared).filter((f) => f.endsWith('.jsonl')).sort()) base.push(...jsonlTexts(resolve(shared, f)));
  const out = [...base];
  const rand = seededRandom(77);
  for (const t of base) for (const k of ALL_OBFUSCATIONS) out.push(obfuscate(t, k, rand));
  for (const t of base) out.push(obfuscateRandomly(t, 3, rand).text);
  for (let i = 0; i < 600; i++) {
    let s = '';
    for (let j = i; s.length < 300; j += 7) s += base[j % base.length] + '\n';
    out.push(s.slice(0, 300));
  }
  // Fuzz from pieces that sit on the scanners' decisions: cues, numerals, separators, enclosed
  // and full-width forms, surrogates, entity shapes, decoy words.
  const PIECES = ['办', '证', '正', '刻', '章', '考', '试', '微', '信', '薇', 'v', 'x', 'w', 'q', 'Q', '扣扣', '企鹅', '加', '+', '➕', '十', '❤', '★', ' ', '  ', '\n', '\t', '-', '_', '.', '·', '*', '~', '/', '|', ',', '，', '、', '。', ':', '：', '号', '1', '3', '8', '0', '5', '9', '2', '7', '一', '三', '八', '幺', '洞', '拐', '两', '勾', '壹', '叁', '捌', 'o', 'l', 'i', 'O', 'I', 'a', 'b', 'z', 'haoge_', 'wxid_', 'vxworks', 'www.', '.com', '点com', '[.]', '@', 'http://', '://', '电话', '手机', '同号', '微信同号', '电微同号', '毕业政', '学历', '低压电工', '高压', '焊工证', '叉车', '建筑电工', '特种作业', '包过', '免考', '可查', '元', '块', '身份证', '编号', '订单', '①', '➀', '❶', '⓿', 'Ⓥ', '🅥', '１', 'Ａ', '\u200b', '\u00ad', '\u0301', '😀', '👍🏻', '證', '辦', '𠀀', '\ud800', '\udc00', '国家安全生产考试', '公众号', 'tel', 'cx.mem.gov.cn', 'gov.cn', '班', '半', '克', '张', '靠', '式', '包裹', '科长', '真是', '代办处', 'ⓐ', '㊀', 'ｖｘ', 'ＱＱ', '¼', 'ﬁ', '℡', 'Ⓘ', '⌂', '✉', '#', '<', '>', '【', '】', 'dot', ' dot ', '(.)', '[点]', 'ICP备', '86', '0086', '+86', '138', '1234', '5678', '13812345678', '138 1234 5678', 'abc123', 'zs_2024', 'kg5x1hyec'];
  const fr = seededRandom(4242);
  for (let i = 0; i < 6000; i++) {
    let s = '';
    for (let k = 1 + Math.floor(fr() * 60); k > 0; k--) s += PIECES[Math.floor(fr() * PIECES.length)];
    out.push(s);
  }
  for (let i = 0; i < 500; i++) {
    let s = '';
    for (let k = Math.floor(fr() * 80); k > 0; k--) s += String.fromCharCode(fr() < 0.5 ? Math.floor(fr() * 0x10000) : fr() < 0.5 ? 0x4e00 + Math.floor(fr() * 0x5000) : 32 + Math.floor(fr() * 95));
    out.push(s);
  }
  out.push('', ' ', '\n\n', 'a'.repeat(7000), '办证'.repeat(4000));
  return out;
}

async function dump(outPath: string): Promise<void> {
  const root = resolve(option('--root') ?? here);
  const api = await import(resolve(root, 'classifiers/index.ts'));
  const { foldForContacts } = await import(resolve(root, 'classifiers/text/normalize.ts'));
  const { analyzePost } = await import(resolve(root, 'classifiers/analyze-post.ts'));
  const { linearScore } = await import(resolve(root, 'classifiers/classify-post.ts'));
  const { maskEntities } = await import(resolve(root, 'classifiers/features/entity-mask.ts'));
  const modelPath = option('--model');
  const model = modelPath ? api.loadModelFile(modelPath) : api.loadDefaultModel();
  const w = createWriteStream(outPath);
  let i = 0;
  for (const text of texts()) {
    const c = api.classifyPost({ id: String(i), text }, model);
    const a = analyzePost({ text }, model.bits, true);
    const folded = api.normalizeText(text).folded as string;
    const rec = {
      i, t: text, n: api.normalizeText(text), cv: foldForContacts(text), m: maskEntities(folded), ec: api.extractContacts(text), tc: api.tagCertTypes(text), c,
      z: linearScore(a.features, model), idx: Array.from(a.features.idx), val: Array.from(a.features.val), what: Array.from(a.features.what),
      names: a.features.names, cues: a.features.cues.map((q: { id: string }) => q.id), masked: a.features.masked,
    };
    w.write(JSON.stringify(rec) + '\n');
    i++;
  }
  await new Promise((done) => w.end(done));
  process.stdout.write(`${i} texts → ${outPath}\n`);
}

/** Everything must be equal, except the raw and calibrated scores, which may differ by 1e-9. */
function compare(aPath: string, bPath: string): number {
  const a = readFileSync(aPath, 'utf8').split('\n').filter(Boolean);
  const b = readFileSync(bPath, 'utf8').split('\n').filter(Boolean);
  if (a.length !== b.length) {
    process.stdout.write(`different lengths: ${a.length} vs ${b.length}\n`);
    return 1;
  }
  let bad = 0;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    const x = JSON.parse(a[k]!);
    const y = JSON.parse(b[k]!);
    const dz = Math.abs(x.z - y.z);
    const ds = Math.abs(x.c.score - y.c.score);
    x.z = y.z = x.c.score = y.c.score = 0;
    const fields = Object.keys(x).filter((f) => JSON.stringify(x[f]) !== JSON.stringify(y[f]));
    if (fields.length === 0 && dz <= 1e-9 && ds <= 1e-9) continue;
    if (++bad <= 8) process.stdout.write(`#${k}: ${fields.join(', ') || 'score'} differ (|Δz| ${dz})\n`);
  }
  process.stdout.write(bad ? `DIFFERENT: ${bad} of ${a.length}\n` : `IDENTICAL: ${a.length}\n`);
  return bad ? 1 : 0;
}

if (args[0] === 'dump' && args[1]) await dump(args[1]);
else if (args[0] === 'compare' && args[1] && args[2]) process.exitCode = compare(args[1], args[2]);
else {
  process.stderr.write('usage: classifier-equivalence.ts dump OUT.jsonl [--root DIR] [--model FILE] | compare A.jsonl B.jsonl\n');
  process.exitCode = 2;
}
