/** The shipped peers asset (public/data/peers.json) against its sources in ../shared/data/peers. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AssetError } from '../../../src/engine/data/assets';
import type { Nb201Table } from '../../../src/engine/data/nb201';
import { loadNb201 } from '../../../src/engine/data/nb201';
import { nodeReadAsset } from '../../../src/node/assets';
import type { Peers } from '../../../src/engine/study/peers';
import { NASLIB_PROXIES, loadPeers, parsePeers, peerMeasures, peerScores } from '../../../src/engine/study/peers';
import { parseArch } from '../../../src/engine/model/nb201/space';

const SRC = fileURLToPath(new URL('../../../../shared/data/peers/', import.meta.url));
/** Python's json writes -Infinity; read it as null like the build script. */
const readSource = (f: string) => JSON.parse(readFileSync(SRC + f, 'utf8').replace(/-Infinity/g, 'null'));

let peers: Peers;
let table: Nb201Table;
beforeAll(async () => {
  const read = nodeReadAsset();
  [peers, table] = await Promise.all([loadPeers(read), loadNb201(read)]);
});

describe('peers asset', () => {
  it('has NASWOT for all 15,625 codes, with some missing', () => {
    expect(peers.naswot).toHaveLength(15625);
    const missing = Array.from(peers.naswot).filter((v) => Number.isNaN(v)).length;
    expect(missing).toBe(341);
    expect(Array.from(peers.naswot).every((v) => Number.isNaN(v) || Number.isFinite(v))).toBe(true);
  });

  it('has the NASLib suite on about 725 cells per dataset with 12 proxies', () => {
    expect(peers.proxies).toEqual([...NASLIB_PROXIES]);
    expect(peers.naslib.cifar10.size).toBe(724);
    expect(peers.naslib.cifar100.size).toBe(725);
    expect(peers.naslib.imagenet16.size).toBe(724);
    for (const m of Object.values(peers.naslib)) for (const rec of m.values()) expect(Object.keys(rec)).toHaveLength(12);
    expect(peerMeasures(peers)).toEqual(['naswot', ...NASLIB_PROXIES.map((p) => `naslib:${p}`)]);
  });

  it('holds the sources’ values exactly, NASWOT re-keyed from official index to code', () => {
    const naswot = readSource('naswot_v1_cifar10.json') as { rows: [number, number | null][] };
    for (const [index, score] of [naswot.rows[0], naswot.rows[1], naswot.rows[10], naswot.rows[15], naswot.rows[15624]]) {
      const got = peers.naswot[table.codeOf(index)];
      if (score === null) expect(got).toBeNaN();
      else expect(got).toBe(score);
    }
    expect(peers.naswot[table.codeOf(0)]).toBe(-776.4428597251838);

    const naslib = readSource('naslib_zero_cost_nb201.json') as Record<string, Record<string, Record<string, number | null>>>;
    const pairs = [
      ['cifar10', 'cifar10'],
      ['cifar100', 'cifar100'],
      ['ImageNet16-120', 'imagenet16'],
    ] as const;
    for (const [src, d] of pairs) {
      const entries = Object.entries(naslib[src]);
      for (const [arch, rec] of [entries[0], entries[100], entries.at(-1)!]) {
        const code = parseArch(arch).code;
        for (const p of NASLIB_PROXIES) {
          if (rec[p] === null) expect(peers.naslib[d].get(code)![p]).toBeNaN();
          else expect(peers.naslib[d].get(code)![p]).toBe(rec[p]);
        }
        expect(peers.naslibValAccuracy[d].get(code)).toBe(rec.val_accuracy);
      }
    }
    const first = '|skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|none~2|';
    expect(peers.naslib.cifar10.get(parseArch(first).code)!.synflow).toBe(41.94876860937543);
    // The source's three -Infinity values (nwot) read back as NaN.
    const nan = Object.values(peers.naslib).reduce((s, m) => s + [...m.values()].filter((r) => Number.isNaN(r.nwot)).length, 0);
    expect(nan).toBe(3);
  });

  it('looks up peer scores for a list of cells (NaN where absent)', () => {
    const inSuite = [...peers.naslib.cifar100.keys()].slice(0, 3);
    const absent = [...Array(15625).keys()].find((c) => !peers.naslib.cifar100.has(c))!;
    const s = peerScores(peers, 'naslib:synflow', 'cifar100', [...inSuite, absent]);
    expect(Array.from(s.subarray(0, 3))).toEqual(inSuite.map((c) => peers.naslib.cifar100.get(c)!.synflow));
    expect(s[3]).toBeNaN();
    expect(Array.from(peerScores(peers, 'naswot', 'imagenet16', [5, 6]))).toEqual([peers.naswot[5], peers.naswot[6]]);
    expect(() => peerScores(peers, 'naslib:nope', 'cifar10', [1])).toThrow(/unknown NASLib proxy/);
  });

  it('rejects malformed files with the file name and the problem', () => {
    expect(() => parsePeers('{', 'peers.json')).toThrow(AssetError);
    expect(() => parsePeers(JSON.stringify({ format: 'te-nas-explorer/peers', version: 2 }))).toThrow(/peers\.json: invalid at version/);
    const ok = JSON.parse(readFileSync(fileURLToPath(new URL('../../../public/data/peers.json', import.meta.url)), 'utf8'));
    ok.naslib.datasets.cifar10.scores[0] = [1, 2];
    expect(() => parsePeers(JSON.stringify(ok))).toThrow(/expected 12 proxy values/);
  });
});
