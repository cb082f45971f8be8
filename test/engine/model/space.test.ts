import { describe, expect, it } from 'vitest';
import {
  ArchError,
  EDGES,
  NUM_CELLS,
  OPS,
  activeOps,
  archToOps,
  codeToOps,
  edgeLabel,
  fullMask,
  maskFromOps,
  maskToOps,
  opsToArch,
  opsToCode,
  parseArch,
  validateMask,
} from '../../../src/engine/model/nb201/space';

const BEST = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|';

function archError(s: string): string {
  try {
    parseArch(s);
  } catch (e) {
    expect(e).toBeInstanceOf(ArchError);
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(s)} to be rejected`);
}

describe('space constants', () => {
  it('has 5 ops, 6 edges, 15625 cells', () => {
    expect(OPS).toEqual(['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3']);
    expect(EDGES.map((_, i) => edgeLabel(i))).toEqual(['1<-0', '2<-0', '2<-1', '3<-0', '3<-1', '3<-2']);
    expect(NUM_CELLS).toBe(15625);
    expect(() => edgeLabel(6)).toThrow(/edge index 6/);
  });
});

describe('codes and arch strings', () => {
  it('parses the known best cell', () => {
    const p = parseArch(`  ${BEST}\n`);
    expect(p.ops).toEqual([3, 3, 3, 1, 3, 3]);
    expect(p.arch).toBe(BEST);
    expect(p.code).toBe(3 * 5 ** 5 + 3 * 5 ** 4 + 3 * 5 ** 3 + 1 * 5 ** 2 + 3 * 5 + 3);
  });

  it('code 0 is all none, edge 0 is the most significant digit', () => {
    expect(opsToArch(codeToOps(0))).toBe('|none~0|+|none~0|none~1|+|none~0|none~1|none~2|');
    expect(codeToOps(5 ** 5)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(codeToOps(1)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('round-trips all 15625 cells (code ↔ ops ↔ arch)', () => {
    const archs = new Set<string>();
    for (let code = 0; code < NUM_CELLS; code++) {
      const ops = codeToOps(code);
      expect(opsToCode(ops)).toBe(code);
      const arch = opsToArch(ops);
      archs.add(arch);
      const back = archToOps(arch);
      if (back.join() !== ops.join()) throw new Error(`round trip failed for code ${code}: ${arch}`);
      if (parseArch(arch).code !== code) throw new Error(`code mismatch for ${arch}`);
    }
    expect(archs.size).toBe(NUM_CELLS);
  });

  it('rejects out-of-range codes and op lists', () => {
    expect(() => codeToOps(15625)).toThrow(/0\.\.15624/);
    expect(() => codeToOps(1.5)).toThrow(RangeError);
    expect(() => opsToCode([0, 0, 0])).toThrow(/expected 6 op indices/);
    expect(() => opsToArch([0, 0, 0, 0, 0, 5])).toThrow(/edge 3<-2/);
  });
});

describe('parseArch error messages', () => {
  it('names a wrong op and lists the valid ones', () => {
    const msg = archError(BEST.replace('skip_connect', 'conv_5x5'));
    expect(msg).toContain('unknown op "conv_5x5" in node 3 entry 1');
    expect(msg).toContain('valid ops: none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3');
  });

  it('reports the wrong number of nodes', () => {
    expect(archError('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|')).toMatch(/expected 3 nodes separated by '\+', got 2/);
    expect(archError(`${BEST}+|none~0|`)).toMatch(/expected 3 nodes separated by '\+', got 4/);
  });

  it('reports the wrong number of entries in a node', () => {
    const msg = archError('|nor_conv_3x3~0|+|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|');
    expect(msg).toMatch(/node 2 must have 2 entries \(inputs 0\.\.1\), got 1/);
    expect(archError('|none~0|none~1|+|none~0|none~1|+|none~0|none~1|none~2|')).toMatch(/node 1 must have 1 entry/);
  });

  it('reports a wrong input index', () => {
    const msg = archError('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~3|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|');
    expect(msg).toMatch(/node 2 entry 2 has input '~3', expected '~1'/);
    expect(archError(BEST.replace('skip_connect~0', 'skip_connect~x'))).toMatch(/node 3 entry 1 has input '~x', expected '~0'/);
  });

  it('reports a missing ~ separator', () => {
    expect(archError(BEST.replace('skip_connect~0', 'skip_connect'))).toMatch(/node 3 entry 1 "skip_connect" must look like 'op~0'/);
  });

  it('reports missing leading/trailing bars and extra characters', () => {
    expect(archError(BEST.slice(1))).toMatch(/must start with '\|'/);
    expect(archError(BEST.slice(0, -1))).toMatch(/must end with '\|'/);
    expect(archError(`${BEST}xyz`)).toMatch(/must end with '\|'; unexpected characters after it: "xyz"/);
    expect(archError(`x${BEST}`)).toMatch(/must start with '\|'; unexpected characters before it: "x"/);
    expect(archError(BEST.slice(0, -1))).toMatch(/unexpected characters after it: "nor_conv_3x3~2"/);
    expect(archError(BEST.replace('|+|', '|+ |'))).toMatch(/node 2 must be written as/);
    expect(archError(BEST.replace('|+|', '||+|'))).toMatch(/node 1 must have 1 entry/);
    expect(archError('')).toMatch(/empty/);
    expect(archError('   ')).toMatch(/empty/);
  });
});

describe('masks', () => {
  it('fullMask masks out none by default', () => {
    const m = fullMask();
    expect(m).toHaveLength(6);
    for (const row of m) expect(row).toEqual([0, 1, 1, 1, 1]);
    expect(fullMask(true)[0]).toEqual([1, 1, 1, 1, 1]);
    expect(activeOps(m, 2)).toEqual([1, 2, 3, 4]);
    expect(maskToOps(m)).toBeNull();
  });

  it('maskFromOps is one-hot and inverts with maskToOps', () => {
    const ops = [3, 3, 3, 1, 3, 3];
    const m = maskFromOps(ops);
    expect(m[3]).toEqual([0, 1, 0, 0, 0]);
    expect(maskToOps(m)).toEqual(ops);
    expect(validateMask(m)).toEqual(m);
  });

  it('validateMask explains what is wrong', () => {
    expect(() => validateMask('x')).toThrow(/mask must be an array of 6 rows/);
    expect(() => validateMask(fullMask().slice(1))).toThrow(/must have 6 rows .* got 5/);
    const short = fullMask();
    short[2] = [1, 1];
    expect(() => validateMask(short)).toThrow(/mask row 2 \(edge 2<-1\) must have 5 entries/);
    const bad = fullMask();
    bad[4][3] = 0.5;
    expect(() => validateMask(bad)).toThrow(/mask\[4\]\[3\] \(edge 3<-1, op nor_conv_3x3\) must be 0 or 1, got 0.5/);
    const empty = fullMask();
    empty[5] = [0, 0, 0, 0, 0];
    expect(() => validateMask(empty)).toThrow(/mask row 5 \(edge 3<-2\) has no active op/);
  });
});
