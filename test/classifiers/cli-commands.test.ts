// `certwatch classify | train | eval` run as real processes: streaming JSON Lines,
// error lines for bad input, a trained model file, metrics JSON and a PR-curve image.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/certwatch.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'certwatch-cls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: path.resolve(import.meta.dirname, '../..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('certwatch classify', () => {
  it('answers every line in order, with an error line for each bad one', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '长期办理电工证焊工证，不用考试，官网可查，电话微信同号13812345678' }),
      'not json',
      JSON.stringify({ id: 'b' }),
      JSON.stringify({ id: 'c', title: '招聘电工', text: '要求持低压电工证，五险一金，月薪8000' }),
      JSON.stringify([1, 2]),
    ].join('\n');
    const { code, stdout } = await run(['classify'], input + '\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(Object.keys(lines[0]).sort()).toEqual(['certTypes', 'contacts', 'flagged', 'id', 'reasons', 'score']);
    expect(lines[0]).toMatchObject({ id: 'a', flagged: true, contacts: [{ kind: 'phone', value: '13812345678' }, { kind: 'wechat', value: '13812345678' }] });
    expect(lines[0].certTypes.map((t: { code: string }) => t.code)).toEqual(expect.arrayContaining(['1', '2']));
    expect(lines[1]).toEqual({ error: 'not valid JSON' });
    expect(lines[2]).toMatchObject({ id: 'b', error: expect.stringContaining('text') });
    expect(lines[3]).toMatchObject({ id: 'c', flagged: false });
    expect(lines[4]).toHaveProperty('error');
  }, 120_000);
});

describe('certwatch train and eval', () => {
  it('trains a model from labelled JSON Lines and evaluates it with a PR curve', async () => {
    const corpus = readFileSync(path.resolve(import.meta.dirname, '../../classifiers/corpus/corpus.jsonl'), 'utf8').trim().split('\n');
    const data = path.join(dir, 'train.jsonl');
    // Mixed label spellings: seller_ad/not_seller_ad, 1/0 and booleans all count.
    const rows = corpus.filter((_, i) => i % 20 === 0).map((l, i) => {
      const o = JSON.parse(l);
      const y = o.label === 'seller_ad';
      return JSON.stringify({ id: o.id, text: o.text, label: i % 3 === 0 ? o.label : i % 3 === 1 ? (y ? 1 : 0) : y });
    });
    writeFileSync(data, [...rows, '{"broken', JSON.stringify({ text: 'x', label: 'maybe' })].join('\n') + '\n');
    const modelPath = path.join(dir, 'model.json');
    const train = await run(['train', '--data', data, '--out', modelPath, '--epochs', '3', '--folds', '2']);
    expect(train.code, train.stderr).toBe(0);
    expect(train.stderr).toContain('fold 2/2');
    expect(train.stderr).toContain('skipped');
    const file = JSON.parse(readFileSync(modelPath, 'utf8'));
    expect(file.format).toBe('certwatch-hashed-logreg/2');
    expect(file.surface.share).toBe(0.5);
    expect(file.surface.nonZero).toBeGreaterThan(100);
    // The fit is checked on web listings it never trained on: in the file and in the summary alike.
    const summary = JSON.parse(train.stdout);
    expect(summary.webListings).toEqual(file.metrics.webListings);
    expect(summary.webListings.sellerAds).toBeGreaterThan(500);
    expect(summary.webListings.flagged.recall).toBeGreaterThanOrEqual(0);

    const png = path.join(dir, 'pr.png');
    const ev = await run(['eval', '--data', data, '--model', modelPath, '--pr-curve', png]);
    expect(ev.code, ev.stderr).toBe(0);
    const m = JSON.parse(ev.stdout);
    expect(m.count).toBe(rows.length);
    expect(m.averagePrecision).toBeGreaterThan(0.9);
    expect(m.flag.confusion.tp + m.flag.confusion.fn).toBe(m.positives);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');

    const bad = await run(['train', '--out', modelPath]);
    expect(bad.code).toBe(2);
    const badCurve = await run(['eval', '--data', data, '--pr-curve', path.join(dir, 'x.gif')]);
    expect(badCurve.code).toBe(2);
    expect(existsSync(path.join(dir, 'x.gif'))).toBe(false);
    // The frozen-fold report needs its second batch, and --hold-frozen must name a --data file.
    const noSecond = await run(['eval', '--frozen', '--data', data]);
    expect(noSecond.code).toBe(2);
    expect(noSecond.stderr).toContain('--second-batch');
    const badSeeds = await run(['eval', '--frozen', '--data', data, '--second-batch', data, '--web-seeds', '1,x']);
    expect(badSeeds.code).toBe(2);
    expect(badSeeds.stderr).toContain('--web-seeds');
    const badEvalL2 = await run(['eval', '--frozen', '--data', data, '--second-batch', data, '--l2', '2']);
    expect(badEvalL2.code).toBe(2);
    expect(badEvalL2.stderr).toContain('--l2');
    const badHold = await run(['train', '--data', data, '--out', modelPath, '--hold-frozen', path.join(dir, 'other.jsonl')]);
    expect(badHold.code).toBe(2);
    expect(badHold.stderr).toContain('--hold-frozen');
    const badL2 = await run(['train', '--data', data, '--out', modelPath, '--l2', '-1']);
    expect(badL2.code).toBe(2);
    expect(badL2.stderr).toContain('--l2');
  }, 240_000);
});
