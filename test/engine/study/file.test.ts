/** The study file: what parseStudyJson and parseStudyCsv say about files they refuse. */
import { describe, expect, it } from 'vitest';
import { codeToOps, opsToArch } from '../../../src/engine/model/nb201/space';
import { PRESETS } from '../../../src/engine/model/settings';
import { makeStudyFile, parseStudyCsv, parseStudyJson, StudyFileError, studyToJson } from '../../../src/engine/study/file';
import type { StudyRow } from '../../../src/engine/study/row';
import { VersionedFileError } from '../../../src/engine/data/versioned-file';

const row = (code: number, kappa: number): StudyRow => ({
  code,
  index: code,
  arch: opsToArch(codeToOps(code)),
  degenerate: false,
  kappa,
  kappaRepeats: [kappa],
  regions: 100,
  regionsRepeats: [100],
  ms: 1,
});

const file = makeStudyFile({
  seed: 0,
  settings: PRESETS.quick,
  backend: 'wasm',
  sample: { n: 2, stratified: false, dataset: 'cifar10', includeDegenerate: false, pool: 'all' },
  codes: [1234, 5678],
  rows: [row(1234, 10), row(5678, 20)],
});
const text = studyToJson(file);
const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StudyFileError);
    expect(e).toBeInstanceOf(VersionedFileError);
    return (e as Error).message;
  }
  throw new Error('expected a StudyFileError');
};

describe('parseStudyJson', () => {
  it('reads back what studyToJson wrote', () => {
    expect(parseStudyJson(text)).toEqual(file);
  });

  it('says what is wrong with a file it refuses', () => {
    expect(message(() => parseStudyJson('hello'))).toMatch(/^not a JSON file \(/);
    expect(message(() => parseStudyJson(text.slice(0, 100)))).toMatch(/^the file is truncated/);
    expect(message(() => parseStudyJson('[1, 2]'))).toBe('not a TE-NAS Explorer study (the file holds a JSON array, expected an object)');
    expect(message(() => parseStudyJson('{"format":"x"}'))).toBe(
      'not a TE-NAS Explorer study (format is "x", expected "te-nas-explorer/study")',
    );
    expect(message(() => parseStudyJson(JSON.stringify({ ...file, version: 2 })))).toBe(
      'study format version 2 is not supported (this app reads version 1)',
    );
    expect(message(() => parseStudyJson(JSON.stringify({ ...file, rows: [{ ...file.rows[0], kappa: 'big' }] })))).toMatch(
      /^invalid study file at rows\.0\.kappa: /,
    );
    expect(message(() => parseStudyJson(JSON.stringify({ ...file, rows: [{ ...file.rows[0], code: 5678 }] })))).toMatch(
      /^row of code 5678: arch .* does not match the code$/,
    );
  });
});

describe('parseStudyCsv', () => {
  it('names the line and field of a bad row', () => {
    const header =
      'code,index,arch,degenerate,kappa,regions,rank_sum,kappa_repeats,regions_repeats,ms,cifar10_test,cifar100_test,imagenet16_test,naswot';
    const arch = opsToArch(codeToOps(1234));
    expect(message(() => parseStudyCsv('a,b\n'))).toMatch(/^not a study CSV/);
    expect(message(() => parseStudyCsv(`${header}\n1,2,3\n`))).toBe('line 2: 3 fields, expected 14');
    expect(message(() => parseStudyCsv(`${header}\n1234,1234,${arch},0,10,100,,10,100,-1,1,1,1,\n`))).toMatch(/^line 2 at ms: /);
  });
});
