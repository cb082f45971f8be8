/**
 * A tiny correlation study on wasm: one finite row per cell, as scoreCell
 * scores it (dangling convs included), resume, cancel, and the rows' round
 * trip through the CSV and JSON files.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CifarData } from '../../../src/engine/data/cifar';
import type { Nb201Table } from '../../../src/engine/data/nb201';
import { loadNb201 } from '../../../src/engine/data/nb201';
import { codeToOps, parseArch } from '../../../src/engine/model/nb201/space';
import type { Settings } from '../../../src/engine/model/settings';
import { PRESETS } from '../../../src/engine/model/settings';
import { makeStudyFile, parseStudyCsv, parseStudyJson, StudyFileError, studyToCsv, studyToJson } from '../../../src/engine/study/file';
import type { Peers } from '../../../src/engine/study/peers';
import { loadPeers } from '../../../src/engine/study/peers';
import type { StudyRow } from '../../../src/engine/study/row';
import { runStudy, StudyCancelled } from '../../../src/engine/study/runner';
import { scoreCell } from '../../../src/engine/study/score';
import { summarizeStudy } from '../../../src/engine/study/summary';
import { nodeReadAsset } from '../../../src/node/assets';
import { setNodeBackend } from '../../../src/node/backend';
import { cifarData } from '../../helpers/engine';

const tiny: Settings = { ...PRESETS.quick, batchSize: 4, repeats: 1, regionBatches: 1, regionBatchSize: 100 };

let table: Nb201Table;
let peers: Peers;
beforeAll(async () => {
  const read = nodeReadAsset();
  [table, peers] = await Promise.all([loadNb201(read), loadPeers(read)]);
});

describe('a tiny study on wasm', () => {
  let data: CifarData;
  // A plain cell, a cell with dangling convs (node 2 feeds nothing), and one more.
  const codes = [
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
    '|skip_connect~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|none~0|nor_conv_1x1~1|none~2|',
    '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|avg_pool_3x3~2|',
  ].map((a) => parseArch(a).code);
  let rows: StudyRow[];

  beforeAll(async () => {
    await setNodeBackend('wasm');
    data = await cifarData();
    const before = tf.memory().numTensors;
    rows = [];
    const progress: number[] = [];
    for await (const r of runStudy(data, tiny, 0, codes, { table, onProgress: (p) => progress.push(p.done) })) rows.push(r);
    expect(progress).toEqual([1, 2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('yields one finite row per cell, in order', () => {
    expect(rows.map((r) => r.code)).toEqual(codes);
    for (const r of rows) {
      expect(r.degenerate).toBe(false);
      expect(r.index).toBe(table.indexOf(r.code));
      expect(r.arch).toBe(table.byCode(r.code).arch);
      expect(r.kappaRepeats).toHaveLength(1);
      expect(Number.isFinite(r.kappa!)).toBe(true);
      expect(r.kappa).toBe(r.kappaRepeats[0]);
      expect(r.regions).toBeGreaterThan(1);
      expect(r.ms).toBeGreaterThan(0);
    }
  });

  it('scores plain cells exactly as scoreCell does', async () => {
    const s = await scoreCell(data, tiny, 0, codeToOps(codes[0]));
    expect(rows[0].kappaRepeats).toEqual(s.kappa);
    expect(rows[0].regionsRepeats).toEqual(s.regions);
  });

  it('measures cells with convs that cannot reach the output (zero Jacobian columns, as in PyTorch)', async () => {
    // Node 2 feeds nothing (3<-2 is none): its convs get no gradient, yet κ_N is defined.
    const ops = parseArch('|skip_connect~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|none~0|nor_conv_1x1~1|none~2|').ops;
    const s = await scoreCell(data, tiny, 0, ops);
    expect(s.degenerate).toBe(false);
    for (const k of s.kappa) expect(Number.isFinite(k) && k > 0).toBe(true);
  });

  it('is deterministic, and resume skips the cells already done', async () => {
    const again: StudyRow[] = [];
    for await (const r of runStudy(data, tiny, 0, codes, { table, resume: rows.slice(0, 2) })) again.push(r);
    expect(again.map((r) => r.code)).toEqual([codes[2]]);
    expect({ ...again[0], ms: 0 }).toEqual({ ...rows[2], ms: 0 });
  });

  it('stops with StudyCancelled when the signal fires', async () => {
    const ac = new AbortController();
    const got: StudyRow[] = [];
    await expect(
      (async () => {
        for await (const r of runStudy(data, tiny, 0, codes, { table, signal: ac.signal })) {
          got.push(r);
          ac.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(StudyCancelled);
    expect(got).toHaveLength(1);
  });

  it('round-trips through CSV and JSON', () => {
    const csv = studyToCsv(rows, table, peers);
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'code,index,arch,degenerate,kappa,regions,rank_sum,kappa_repeats,regions_repeats,ms,cifar10_test,cifar100_test,imagenet16_test,naswot',
    );
    expect(lines[1]).toContain(String(table.accuracy('cifar10', codes[0])));
    expect(parseStudyCsv(csv)).toEqual(rows);

    const file = makeStudyFile({
      seed: 0,
      settings: tiny,
      backend: 'wasm',
      sample: { n: 3, stratified: false, dataset: 'cifar10', includeDegenerate: false, pool: 'all' },
      codes,
      rows,
      durationMs: 1,
      summary: summarizeStudy(rows, table, peers, { bootstrap: false }),
    });
    const back = parseStudyJson(studyToJson(file));
    expect(back.rows).toEqual(rows);
    expect(back.settings).toEqual(tiny);
    expect(back.codes).toEqual(codes);
    expect(() => parseStudyJson('{"format":"x"}')).toThrow(StudyFileError);
    expect(() => parseStudyJson(studyToJson({ ...file, rows: [{ ...rows[0], arch: rows[1].arch }] }))).toThrow(/does not match/);
  });
});
