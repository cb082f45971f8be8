/** One parser for the app's versioned JSON files: each refusal, in order, with the file's own error class. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VersionedFileError, versionedFile } from '../../../src/engine/data/versioned-file';
import { firstIssue } from '../../../src/engine/data/zod-message';

class ThingError extends VersionedFileError {}

const schema = z.object({ format: z.literal('x/thing'), version: z.literal(2), n: z.int().min(0) });
const thing = versionedFile({
  kind: 'thing',
  format: 'x/thing',
  version: 2,
  schema,
  maxBytes: 100,
  sizeNote: 'a thing is small',
  migrate: (o, v) => (v === 1 ? { ...o, version: 2, n: o.count } : undefined),
  check: (t) => {
    if (t.n === 13) throw new ThingError('unlucky');
  },
  error: ThingError,
});

const refusal = (text: string): string => {
  try {
    thing.parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ThingError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${text}`);
};

describe('versionedFile', () => {
  it('parses, migrates an older version and runs the check', () => {
    expect(thing.parse('{"format":"x/thing","version":2,"n":3}')).toEqual({ format: 'x/thing', version: 2, n: 3 });
    expect(thing.parse('{"format":"x/thing","version":1,"count":4}').n).toBe(4);
    expect(refusal('{"format":"x/thing","version":2,"n":13}')).toBe('unlucky');
  });

  it('refuses large files before reading them', () => {
    expect(() => thing.checkSize(100)).not.toThrow();
    expect(() => thing.checkSize(3 * 2 ** 20)).toThrow(
      /^the file is 3\.0 MB; thing files over [\d.e-]+ MB are refused \(a thing is small\)$/,
    );
    expect(refusal(`{"format":"x/thing","version":2,"n":3,"pad":"${'x'.repeat(100)}"}`)).toMatch(/^the file is .* MB; thing files over/);
  });

  it('says what is wrong, one step at a time', () => {
    expect(refusal('nope')).toMatch(/^not a JSON file \(.+\)$/);
    expect(refusal('{"format":"x/th')).toMatch(/^the file is truncated \(its JSON ends early\) \(.+\)$/);
    expect(refusal('[1]')).toBe('not a TE-NAS Explorer thing (the file holds a JSON array, expected an object)');
    expect(refusal('7')).toBe('not a TE-NAS Explorer thing (the file holds a number, expected an object)');
    expect(refusal('{"version":2}')).toBe('not a TE-NAS Explorer thing (format is undefined, expected "x/thing")');
    expect(refusal('{"format":"x/thing","version":9}')).toBe('thing format version 9 is not supported (this app reads version 2)');
    expect(refusal('{"format":"x/thing","version":2,"n":-1}')).toMatch(/^invalid thing file at n: Too small/);
  });
});

describe('firstIssue', () => {
  const err = (s: z.ZodType, x: unknown) => {
    const r = s.safeParse(x);
    if (r.success) throw new Error('expected a failure');
    return r.error;
  };

  it('gives the first issue on one line, its path dotted', () => {
    const deep = err(z.object({ a: z.array(z.object({ b: z.number() })) }), { a: [{ b: 1 }, { b: 'x' }] });
    expect(firstIssue(deep)).toMatch(/^at a\.1\.b: Invalid input: expected number, received string$/);
    expect(firstIssue(deep, 'invalid thing')).toMatch(/^invalid thing at a\.1\.b: Invalid input/);
    const root = err(z.number(), 'x');
    expect(firstIssue(root)).toBe('Invalid input: expected number, received string');
    expect(firstIssue(root, 'invalid thing')).toBe('invalid thing: Invalid input: expected number, received string');
  });
});
