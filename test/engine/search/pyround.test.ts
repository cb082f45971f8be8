import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  logCR,
  meanLeftToRight,
  npRound,
  numpyMean,
  pow10,
  pyround,
  rationalToDouble,
  rint,
  roundTo,
  roundToPower,
  roundToPy,
} from '../../../src/engine/search/pyround';

/** Reference tables generated with CPython 3.11.7 (glibc) and NumPy 2.4.6 (pyround-tables.json says what each column is). */
type Table = [number, number, number][];
const TABLES = JSON.parse(readFileSync(new URL('./pyround-tables.json', import.meta.url), 'utf8')) as Record<
  'PY_ROUND_TABLE' | 'ROUND_TO_TABLE' | 'NP_MEAN_TABLE' | 'LOG_TABLE',
  Table
>;
const { PY_ROUND_TABLE, ROUND_TO_TABLE, NP_MEAN_TABLE, LOG_TABLE } = TABLES;

// ---------------------------------------------------------------------------
// Independent reference for pyround: write out the exact decimal expansion of the double
// as a digit string (x = m · 2^e = m · 5^-e / 10^-e for e < 0), round that string
// half-to-even by looking at the digits, and let Number() parse the result.
// ---------------------------------------------------------------------------

function exactDecimal(x: number): { neg: boolean; int: string; frac: string } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  if (e >= 0) return { neg, int: (m << BigInt(e)).toString(), frac: '' };
  const digits = (m * 5n ** BigInt(-e)).toString().padStart(-e + 1, '0');
  return { neg, int: digits.slice(0, digits.length + e), frac: digits.slice(digits.length + e) };
}

function refPyround(x: number, nd: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (nd > 323) return x;
  if (nd < -308) return 0 * x;
  const { neg, int, frac } = exactDecimal(x);
  // all digits, with the decimal point after position p
  const all = int + frac;
  const p = int.length;
  const cut = p + nd; // keep all[0..cut)
  let kept: string;
  let rest: string;
  if (cut <= 0) {
    kept = '0';
    rest = '0'.repeat(-cut) + all;
  } else if (cut >= all.length) {
    kept = all + '0'.repeat(cut - all.length);
    rest = '';
  } else {
    kept = all.slice(0, cut);
    rest = all.slice(cut);
  }
  let k = BigInt(kept);
  const first = rest.length > 0 ? rest.charCodeAt(0) - 48 : 0;
  const tailNonZero = /[1-9]/.test(rest.slice(1));
  if (first > 5 || (first === 5 && tailNonZero) || (first === 5 && !tailNonZero && k % 2n === 1n)) k += 1n;
  const v = Number(`${k}e${-nd}`);
  return neg ? -v : v;
}

/** Deterministic PRNG (mulberry32) for the brute-force comparisons. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDouble(rnd: () => number): number {
  const k = rnd();
  if (k < 0.3) return (rnd() * 2 - 1) * 10 ** Math.floor(rnd() * 13 - 6);
  if (k < 0.6) {
    const d = 1 + Math.floor(rnd() * 6);
    const j = Math.floor((rnd() * 2 - 1) * 5 * 10 ** d);
    return ((j + 0.5) / 10 ** d) * 10 ** Math.floor(rnd() * 5 - 2);
  }
  if (k < 0.8) return Math.floor((rnd() * 2 - 1) * 99999) / 10 ** Math.floor(rnd() * 8);
  const dv = new DataView(new ArrayBuffer(8));
  for (;;) {
    dv.setUint32(0, Math.floor(rnd() * 2 ** 32));
    dv.setUint32(4, Math.floor(rnd() * 2 ** 32));
    const x = dv.getFloat64(0);
    if (Number.isFinite(x)) return x;
  }
}

describe('pyround (CPython round(x, ndigits) on floats)', () => {
  it('gives the documented values', () => {
    expect(pyround(0.0625, 3)).toBe(0.062);
    expect(pyround(0.3125, 3)).toBe(0.312);
    expect(pyround(-0.0025, 3)).toBe(-0.003);
    expect(pyround(2.675, 2)).toBe(2.67);
    expect(pyround(0.5, 0)).toBe(0);
    expect(pyround(1.5, 0)).toBe(2);
    expect(pyround(2.5, 0)).toBe(2);
    expect(pyround(-2.5, 0)).toBe(-2);
  });

  it('sends exact halves to the even digit', () => {
    expect(pyround(0.125, 2)).toBe(0.12);
    expect(pyround(0.375, 2)).toBe(0.38);
    expect(pyround(-0.125, 2)).toBe(-0.12);
    expect(pyround(0.0005, 3)).toBe(0.001); // 0.0005 is slightly above the half in binary
    expect(pyround(1.0005, 3)).toBe(1.0); // slightly below
    expect(pyround(25, -1)).toBe(20);
    expect(pyround(35, -1)).toBe(40);
    expect(pyround(1234.5678, -2)).toBe(1200);
  });

  it('differs from Math.round(x·1000)/1000 and toFixed where CPython does', () => {
    expect(Math.round(0.0625 * 1000) / 1000).toBe(0.063);
    expect(pyround(0.0625, 3)).toBe(0.062);
    expect(Number((1.005).toFixed(2))).toBe(1.0); // toFixed happens to be exact here
    expect(pyround(1.005, 2)).toBe(1.0);
  });

  it('handles special values, signs and extreme digits', () => {
    expect(pyround(NaN, 3)).toBeNaN();
    expect(pyround(Infinity, 3)).toBe(Infinity);
    expect(pyround(-Infinity, 3)).toBe(-Infinity);
    expect(pyround(0, 3)).toBe(0);
    expect(Object.is(pyround(-0.0001, 3), -0)).toBe(true); // CPython: round(-0.0001, 3) == -0.0
    expect(pyround(0.1, 400)).toBe(0.1);
    expect(pyround(5e-324, 323)).toBe(0); // 4.94e-324 -> 0.000...0 (323 places)
    expect(pyround(5e-324, 324)).toBe(5e-324);
    expect(Object.is(pyround(-123, -400), -0)).toBe(true);
    expect(pyround(1.7976931348623157e308, -300)).toBe(1.79769313e308);
    expect(() => pyround(1.7976931348623157e308, -308)).toThrow(RangeError);
    expect(() => pyround(1, 1.5)).toThrow(TypeError);
  });

  it('matches CPython 3.11 on a table of values', () => {
    for (const [x, d, want] of PY_ROUND_TABLE) {
      const got = pyround(x, d);
      if (!Object.is(got, want)) throw new Error(`pyround(${x}, ${d}) = ${got}, CPython gives ${want}`);
    }
    expect(PY_ROUND_TABLE.length).toBeGreaterThan(300);
  });

  it('matches an independent exact-decimal reference on 20000 random doubles', () => {
    const rnd = mulberry32(12345);
    const digitsChoices = [0, 1, 2, 3, 3, 3, 4, 5, 6, 8, 10, 15, 17, 20, -1, -2, -5, 300, 330, -300];
    for (let i = 0; i < 20000; i++) {
      const x = randomDouble(rnd);
      const d = digitsChoices[Math.floor(rnd() * digitsChoices.length)];
      let want: number;
      try {
        want = refPyround(x, d);
      } catch {
        continue;
      }
      if (!Number.isFinite(want)) {
        expect(() => pyround(x, d)).toThrow(RangeError);
        continue;
      }
      const got = pyround(x, d);
      if (!Object.is(got, want)) throw new Error(`pyround(${x}, ${d}) = ${got}, reference ${want}`);
    }
  });

  it('matches the reference on every 3-decimal half j/1000 + 0.0005', () => {
    for (let j = -3000; j <= 3000; j++) {
      const x = (2 * j + 1) / 2000;
      expect(pyround(x, 3)).toBe(refPyround(x, 3));
    }
  });
});

describe('exact helpers', () => {
  it('rationalToDouble is the correctly rounded quotient', () => {
    expect(rationalToDouble(1n, 10n)).toBe(0.1);
    expect(rationalToDouble(1n, 3n)).toBe(1 / 3);
    expect(rationalToDouble(10n ** 23n, 1n)).toBe(1e23);
    expect(rationalToDouble(1n, 10n ** 323n)).toBe(1e-323);
    expect(rationalToDouble(1n, 2n ** 1075n)).toBe(0); // half of the smallest subnormal: ties to even (0)
    expect(rationalToDouble(3n, 2n ** 1076n)).toBe(5e-324); // 0.75 of it rounds up
    expect(rationalToDouble(2n ** 1024n, 1n)).toBe(Infinity);
    expect(rationalToDouble(2n ** 53n + 1n, 1n)).toBe(2 ** 53); // tie -> even
    expect(rationalToDouble(2n ** 53n + 3n, 1n)).toBe(2 ** 53 + 4);
  });

  it('pow10 gives the nearest double to 10^n', () => {
    for (let n = -323; n <= 308; n++) expect(pow10(n)).toBe(Number(`1e${n}`));
  });

  it('rint rounds halves to even', () => {
    expect(rint(0.5)).toBe(0);
    expect(rint(1.5)).toBe(2);
    expect(rint(2.5)).toBe(2);
    expect(rint(-2.5)).toBe(-2);
    expect(rint(-3.5)).toBe(-4);
    expect(rint(2.4999999999999996)).toBe(2);
    expect(rint(4503599627370497)).toBe(4503599627370497);
    expect(Object.is(rint(-0.3), -0)).toBe(true);
  });

  it('npRound is NumPy round (rint of the rounded product)', () => {
    expect(npRound(-0.0025, 3)).toBe(-0.002);
    expect(pyround(-0.0025, 3)).toBe(-0.003);
    expect(npRound(2.675, 2)).toBe(2.68);
    expect(npRound(0.0625, 3)).toBe(0.062);
    expect(npRound(1234.5, -1)).toBe(1230);
  });
});

describe('roundTo (official round_to, 3 significant figures)', () => {
  it('gives the documented values', () => {
    expect(roundTo(0, 3)).toBe(0);
    expect(roundTo(0.012345, 3)).toBeCloseTo(0.0123, 15);
    expect(roundTo(0.012345, 3)).toBe(0.123 * 0.1);
    expect(roundTo(-0.5, 3)).toBe(-0.5);
    expect(roundTo(123456, 3)).toBe(123000);
    expect(roundTo(NaN, 3)).toBeNaN();
  });

  it('matches the official round_to on numpy.float64 (CPython 3.11, NumPy 2.4)', () => {
    let differ = 0;
    for (const [x, official, withFloat] of ROUND_TO_TABLE) {
      const got = roundTo(x, 3);
      if (!Object.is(got, official)) throw new Error(`roundTo(${x}, 3) = ${got}, official ${official}`);
      const py = roundToPy(x, 3);
      if (!Object.is(py, withFloat)) throw new Error(`roundToPy(${x}, 3) = ${py}, Python float gives ${withFloat}`);
      if (official !== withFloat) differ++;
    }
    // the table holds constructed near-half values where NumPy's round and CPython's differ
    expect(differ).toBeGreaterThan(3);
  });

  it('uses NumPy rounding where it differs from CPython rounding', () => {
    // a = 0.10049999 + 1e-8 = 0.1005 (to within an ulp): 0.1005·1000 rounds to 100.5 exactly,
    // rint -> 100; the exact binary value is above the half, so CPython would give 0.101.
    expect(roundTo(0.10049999000000001, 3)).toBe(0.1);
    expect(roundToPy(0.10049999000000001, 3)).toBe(0.101);
  });

  it('computes the exponent as floor(ln a / ln 10) + 1 like math.log(a, 10)', () => {
    expect(logCR(10)).toBe(Math.LN10);
    expect(roundToPower(1000)).toBe(3); // math.log(1000, 10) = 2.9999999999999996
    for (const [a, power, log] of LOG_TABLE) {
      expect(logCR(a) / logCR(10)).toBe(log);
      expect(roundToPower(a)).toBe(power);
    }
    // near powers of ten where the engine's Math.log gives another power than CPython
    expect(roundToPower(1000000000.0000011)).toBe(10);
    expect(roundToPower(99999999999.99997)).toBe(11);
    expect(roundToPower(1000000000000002.4)).toBe(16);
  });

  it('logCR is the correctly rounded natural log', () => {
    expect(logCR(1)).toBe(0);
    expect(logCR(Math.E)).toBe(1);
    expect(logCR(2)).toBe(Math.LN2);
    expect(logCR(0.5)).toBe(-Math.LN2);
    expect(logCR(5e-324)).toBe(-744.4400719213812);
    expect(logCR(1.7976931348623157e308)).toBe(709.782712893384);
    expect(logCR(1 + 2 ** -52)).toBe(2.2204460492503128e-16);
    expect(logCR(0)).toBe(-Infinity);
    expect(logCR(-1)).toBeNaN();
    // CPython: math.log(x) for these (glibc; all correctly rounded)
    for (const [x, want] of [
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: Python's math.log(0.1), one ulp from -Math.LN10
      [0.1, -2.3025850929940455],
      [3, 1.0986122886681098],
      [1e-8, -18.420680743952367],
      [123456.789, 11.723646487185881],
    ] as const) {
      expect(logCR(x)).toBe(want);
    }
  });
});

describe('means', () => {
  it('meanLeftToRight sums left to right', () => {
    expect(meanLeftToRight([0.1, 0.2, 0.3])).toBe((0.1 + 0.2 + 0.3) / 3);
    expect(meanLeftToRight([0.1, 0.2, 0.3])).toBe(0.20000000000000004);
    expect(meanLeftToRight([0.3, 0.2, 0.1])).toBe(0.19999999999999998);
  });

  it('numpyMean matches np.mean, including pairwise summation from 8 values on', () => {
    for (const [n, seed, want] of NP_MEAN_TABLE) {
      const v = Array.from({ length: n }, (_, i) => (((i * 7919 + seed * 104729) % 2001) - 1000) / 1000);
      expect(numpyMean(v)).toBe(want);
      if (n < 8) expect(meanLeftToRight(v)).toBe(want);
    }
  });
});
