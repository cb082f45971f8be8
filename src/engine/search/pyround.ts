/**
 * Bit-exact replicas of the Python/NumPy number handling that the official TE-NAS
 * `prune_func_rank` (prune_tenas.py) relies on, so that the ranking, and therefore which
 * operation gets pruned, is decided exactly as the official code decides it.
 *
 * What the official code does, and which function here mirrors it:
 *
 * - Per repeat, `round((ntk_origin - ntk) / ntk_origin, precision)` and
 *   `round((_lr - _lr_2) / _lr, precision)`. Both operands are Python floats (the official
 *   code calls `.item()`), so this is CPython's `float.__round__`: the EXACT binary value is
 *   rounded to `precision` decimals, an exact half going to the even digit, and the result
 *   is the double nearest to that decimal.                                 -> `pyround`
 * - `np.mean(list)`: NumPy's pairwise summation (for fewer than 8 values a plain
 *   left-to-right sum), then divided by the count.         -> `numpyMean` / `meanLeftToRight`
 * - The sort key `round_to(np.mean(...), precision)`. Its argument is a `numpy.float64`, so
 *   the `round(...)` inside `round_to` is `numpy.float64.__round__`, which NumPy implements
 *   as `np.round`: rint(y · 10^p) / 10^p (multiply, round half to even, divide), NOT
 *   CPython's exact rounding. The two differ only when y · 10^p lands within about one ulp of
 *   a half, which the `eps = 1e-8` of `round_to` makes practically impossible for the
 *   values TE-NAS produces; `roundTo` nevertheless follows NumPy.    -> `npRound`, `roundTo`
 *
 * - `math.log(a, 10)` inside `round_to` is ln(a) / ln(10) with C's log (glibc, correctly
 *   rounded in practice), not log10.                                  -> `logCR`, `roundToPower`
 *
 * Everything here uses plain doubles with the same operation order as the Python code;
 * the exact parts (pyround, powers of ten, ln) use BigInt arithmetic on the binary value and
 * do not depend on the engine's string parsing, `Math.pow` or `Math.log`.
 */

// ---------------------------------------------------------------------------
// Exact helpers (BigInt)
// ---------------------------------------------------------------------------

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const MASK52 = (1n << 52n) - 1n;
const TWO53 = 1n << 53n;
const TWO52 = 1n << 52n;

/** |x| = m · 2^e exactly, for a finite nonzero double x. */
function decompose(x: number): { m: bigint; e: number } {
  F64[0] = x;
  const bits = U64[0];
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & MASK52;
  if (biased === 0) return { m: frac, e: -1074 }; // subnormal
  return { m: frac | TWO52, e: biased - 1075 };
}

/** 2^k as a double, exactly, for -1074 <= k <= 1023 (built from its bit pattern). */
function pow2(k: number): number {
  if (k < -1074 || k > 1023) throw new RangeError(`pow2(${k}) is not a finite nonzero double`);
  U64[0] = k >= -1022 ? BigInt(k + 1023) << 52n : 1n << BigInt(k + 1074);
  return F64[0];
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

const POW10_BIG: bigint[] = [1n];
function pow10Big(n: number): bigint {
  while (POW10_BIG.length <= n) POW10_BIG.push(POW10_BIG[POW10_BIG.length - 1] * 10n);
  return POW10_BIG[n];
}

/**
 * The double nearest to the rational num/den (num >= 0, den > 0), ties to even, as a
 * correctly rounded strtod does; Infinity when it is beyond the largest double.
 */
export function rationalToDouble(num: bigint, den: bigint): number {
  if (den <= 0n || num < 0n) throw new RangeError('rationalToDouble needs num >= 0 and den > 0');
  if (num === 0n) return 0;
  // Choose s so that q = floor(num / (den · 2^s)) is in [2^52, 2^53).
  let s = bitLength(num) - bitLength(den) - 53;
  const divide = (sh: number): [bigint, bigint, bigint] => {
    if (sh >= 0) {
      const d = den << BigInt(sh);
      return [num / d, num % d, d];
    }
    const n = num << BigInt(-sh);
    return [n / den, n % den, den];
  };
  let [q, r, d] = divide(s);
  if (q >= TWO53) {
    s += 1;
    [q, r, d] = divide(s);
  }
  if (s < -1074) {
    // subnormal range: fixed exponent, fewer significant bits
    s = -1074;
    [q, r, d] = divide(s);
  }
  const twice = 2n * r;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q += 1n;
  if (q === TWO53) {
    q = TWO52;
    s += 1;
  }
  if (q === 0n) return 0;
  if (s > 971) return Infinity; // q · 2^s >= 2^1024
  // Here -1074 <= s <= 971 and q < 2^53: Number(q) is exact, 2^s is a double, and their
  // product q · 2^s is representable, so the multiplication is exact.
  return Number(q) * pow2(s);
}

const POW10_CACHE = new Map<number, number>();
/**
 * The double nearest to 10^n (n an integer), as Python gives for `10**n`: for n >= 0 an
 * exact int converted to float when multiplied with a float (correctly rounded), for n < 0
 * C `pow(10.0, n)`, which is the nearest double for every n in -323..-1 (checked against
 * CPython/glibc).
 */
export function pow10(n: number): number {
  if (!Number.isInteger(n)) throw new TypeError(`pow10 needs an integer, got ${n}`);
  let v = POW10_CACHE.get(n);
  if (v === undefined) {
    if (n > 400) v = Infinity;
    else if (n < -400) v = 0;
    else v = n >= 0 ? rationalToDouble(pow10Big(n), 1n) : rationalToDouble(1n, pow10Big(-n));
    POW10_CACHE.set(n, v);
  }
  return v;
}

// ---------------------------------------------------------------------------
// CPython round(x, ndigits)
// ---------------------------------------------------------------------------

/** CPython's NDIGITS_MAX / NDIGITS_MIN for doubles (floatobject.c). */
const NDIGITS_MAX = 323;
const NDIGITS_MIN = -308;

/**
 * CPython's `round(x, digits)` for a float x: the exact binary value of x rounded to
 * `digits` decimal places (negative digits round to tens, hundreds, ...), an exact half
 * going to the even digit; the result is the double nearest to that decimal (CPython uses
 * correctly rounded dtoa/strtod). NaN and ±Infinity come back unchanged, as does ±0; the
 * sign of a result that rounds to zero is kept (-0), as in CPython. Throws a RangeError
 * where CPython raises OverflowError ("rounded value too large to represent").
 *
 * pyround(0.0625, 3) = 0.062, pyround(0.3125, 3) = 0.312, pyround(-0.0025, 3) = -0.003,
 * pyround(2.675, 2) = 2.67, pyround(0.5, 0) = 0, pyround(1.5, 0) = 2.
 */
export function pyround(x: number, digits: number): number {
  if (!Number.isInteger(digits)) throw new TypeError(`pyround: digits must be an integer, got ${digits}`);
  if (!Number.isFinite(x) || x === 0) return x;
  if (digits > NDIGITS_MAX) return x;
  if (digits < NDIGITS_MIN) return 0 * x;
  const neg = x < 0;
  const { m, e } = decompose(x);
  // y = |x| · 10^digits = num / den exactly
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (digits >= 0) num *= pow10Big(digits);
  else den *= pow10Big(-digits);
  let k = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && (k & 1n) === 1n)) k += 1n;
  // result = k · 10^(-digits)
  const mag = digits >= 0 ? rationalToDouble(k, pow10Big(digits)) : rationalToDouble(k * pow10Big(-digits), 1n);
  if (mag === Infinity) throw new RangeError('pyround: rounded value too large to represent');
  return neg ? -mag : mag;
}

// ---------------------------------------------------------------------------
// NumPy round (what round() does on a numpy.float64)
// ---------------------------------------------------------------------------

/** C rint in the default rounding mode: nearest integer, halves to even. */
export function rint(v: number): number {
  if (!Number.isFinite(v) || Math.abs(v) >= 4503599627370496) return v; // >= 2^52: already an integer
  let r = Math.round(v); // halves go towards +Infinity; keeps -0 for -0.5 <= v < 0, like rint
  if (r - v === 0.5 && r % 2 !== 0) r -= 1;
  return r;
}

/** NumPy's power_of_ten (multiarray/calculation.c): table up to 1e8, then repeated × 10. */
function npPowerOfTen(n: number): number {
  const p10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
  if (n < 9) return p10[n];
  let ret = 1e9;
  while (n-- > 9) ret *= 10;
  return ret;
}

/**
 * `np.round(y, decimals)` for a float64 (also what Python's `round(y, decimals)` does when
 * y is a `numpy.float64`): for decimals >= 0, rint(y · f) / f; for decimals < 0,
 * rint(y / f) · f; with f = 10^|decimals| as NumPy computes it. Unlike `pyround`, the
 * product y · f is rounded to a double before rint, so e.g. npRound(-0.0025, 3) = -0.002
 * (−0.0025 · 1000 rounds to −2.5 exactly) and npRound(2.675, 2) = 2.68.
 */
export function npRound(y: number, decimals: number): number {
  if (!Number.isInteger(decimals)) throw new TypeError(`npRound: decimals must be an integer, got ${decimals}`);
  if (decimals >= 0) {
    const f = npPowerOfTen(decimals);
    return rint(y * f) / f;
  }
  const f = npPowerOfTen(-decimals);
  return rint(y / f) * f;
}

// ---------------------------------------------------------------------------
// round_to (official TE-NAS sort key)
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Correctly rounded natural logarithm
// ---------------------------------------------------------------------------

/** Fixed-point precision (bits) of the BigInt logarithm. */
const LN_BITS = 256n;
const LN_ONE = 1n << LN_BITS;

/** 2 · atanh(z) in fixed point (z = Z / 2^LN_BITS, |z| small), by its odd power series. */
function twoAtanhFixed(Z: bigint): bigint {
  // atanh is odd: sum the series on |z| (so that the shifts truncate towards zero and the
  // terms reach 0), then restore the sign.
  const neg = Z < 0n;
  const absZ = neg ? -Z : Z;
  const z2 = (absZ * absZ) >> LN_BITS;
  let power = absZ;
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = (power * z2) >> LN_BITS;
  }
  return neg ? -2n * sum : 2n * sum;
}

let LN2_FIXED: bigint | undefined;
function ln2Fixed(): bigint {
  // ln 2 = 2 · atanh(1/3)
  if (LN2_FIXED === undefined) LN2_FIXED = twoAtanhFixed(LN_ONE / 3n);
  return LN2_FIXED;
}

/**
 * The natural logarithm of x, correctly rounded (computed to 256 bits with BigInt, then
 * rounded once). This is what C `log` (glibc) returns, and so what CPython's `math.log`
 * returns, for all but a tiny fraction of inputs (glibc's log is within 0.52 ulp; it differs
 * from the correctly rounded value on about 1 input in 7000, by one ulp); the engine's
 * `Math.log` differs on about 1 input in 70. In `roundTo` this matters only through
 * floor(log(a)/log(10)) for a within a few ulps of a power of ten, where the correctly
 * rounded log agrees with CPython on every case checked and Math.log does not
 * (e.g. a = 1000000000.0000011).
 * NaN and x < 0 give NaN, 0 gives -Infinity, +Infinity gives +Infinity.
 */
export function logCR(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  if (x === 1) return 0;
  const { m, e } = decompose(x);
  const t = bitLength(m);
  // x = f · 2^E with f = m / 2^(t-1) in [1, 2); move f into [1/√2, √2)
  let E = e + t - 1;
  let F = m << (LN_BITS - BigInt(t - 1)); // f in fixed point, exact
  // √2 · 2^LN_BITS < F  <=>  2 · 2^(2·LN_BITS) < F²
  if (F * F > 2n * LN_ONE * LN_ONE) {
    F >>= 1n; // exact: F has at least LN_BITS - 52 trailing zero bits
    E += 1;
  }
  const Z = ((F - LN_ONE) << LN_BITS) / (F + LN_ONE); // z = (f - 1) / (f + 1), |z| <= 0.172
  const V = BigInt(E) * ln2Fixed() + twoAtanhFixed(Z);
  const mag = rationalToDouble(V < 0n ? -V : V, LN_ONE);
  return V < 0n ? -mag : mag;
}

/** CPython's math.log(10) (= glibc log(10.0) = the correctly rounded ln 10). */
const LN10 = logCR(10);

/**
 * The `power` of the official `round_to`: `math.floor(math.log(a, 10)) + 1`, where
 * `math.log(a, 10)` is CPython's log(a) / log(10) (two natural logs and a division; not
 * log10, so e.g. math.log(1000, 10) = 2.9999999999999996 and the power of a = 1000 is 3).
 */
export function roundToPower(a: number): number {
  return Math.floor(logCR(a) / LN10) + 1;
}

/**
 * The official `round_to(number, precision, eps=1e-8)` ("round to significant figure"),
 * for the float64 values it is called with (`np.mean(...)` results, i.e. numpy.float64):
 *
 *   key(0) = 0; otherwise
 *   sign  = x / |x|                                   (±1)
 *   a     = |x| + 1e-8
 *   power = floor(log(a) / log(10)) + 1               (math.log(a, 10) is ln a / ln 10, not log10: roundToPower)
 *   key   = (sign · round(a · 10**(-power), precision)) · 10**power
 *
 * where `10**k` is the double nearest to 10^k (Python: exact int for k >= 0, converted when
 * multiplied; float pow for k < 0) and `round` is NumPy's (`npRound`), because its argument
 * is a numpy.float64. The operation order is the Python expression's. The natural log is
 * the correctly rounded one (`logCR`), as glibc's, rather than the engine's Math.log.
 * Where Python raises (x NaN or ±Infinity: math.floor of nan/inf), this returns x itself
 * (NaN, ±Infinity), so such a value still sorts somewhere instead of throwing.
 */
export function roundTo(x: number, precision: number): number {
  if (x === 0) return x;
  const sign = x / Math.abs(x);
  const a = Math.abs(x) + 1e-8;
  const power = roundToPower(a);
  if (!Number.isFinite(power)) return x; // NaN or ±Infinity: Python raises here
  return sign * npRound(a * pow10(-power), precision) * pow10(power);
}

/**
 * The same key with CPython's exact `round` in place of NumPy's (what `round_to` would give
 * for a plain Python float). Kept for comparison and documentation; the official ranking
 * uses `roundTo`.
 */
export function roundToPy(x: number, precision: number): number {
  if (x === 0) return x;
  const sign = x / Math.abs(x);
  const a = Math.abs(x) + 1e-8;
  const power = roundToPower(a);
  if (!Number.isFinite(power)) return x;
  return sign * pyround(a * pow10(-power), precision) * pow10(power);
}

// ---------------------------------------------------------------------------
// np.mean
// ---------------------------------------------------------------------------

/**
 * Plain left-to-right mean: (((v0 + v1) + v2) + ...) / n. This equals `np.mean` for fewer
 * than 8 values (NumPy's pairwise summation is a plain loop below 8 elements), e.g. the
 * 3 repeats of TE-NAS: ((d1 + d2) + d3) / 3. NaN for an empty list.
 */
export function meanLeftToRight(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** NumPy's pairwise sum of float64 (loops_utils.h), blocksize 128, unrolled by 8. */
function pairwiseSum(a: readonly number[], lo: number, n: number): number {
  if (n < 8) {
    let res = -0;
    for (let i = 0; i < n; i++) res += a[lo + i];
    return res;
  }
  if (n <= 128) {
    const r = [a[lo], a[lo + 1], a[lo + 2], a[lo + 3], a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += a[lo + i + j];
    }
    // ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), exactly as NumPy groups it
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[lo + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}

/**
 * `np.mean` of a list of Python floats: NumPy's pairwise sum (identical to the
 * left-to-right sum below 8 values), plus the reduction's initial 0, divided by n.
 */
export function numpyMean(values: readonly number[]): number {
  return (0 + pairwiseSum(values, 0, values.length)) / values.length;
}
