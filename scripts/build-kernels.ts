/**
 * Builds the own WebAssembly kernels from their hand-written text
 * (src/engine/kernels/*.wat) with wabt (npm), each `<base>.wat` into
 * src/engine/kernels/<base>-wasm.ts: the module's bytes as base64, so the
 * engine loads them the same way in Node, the worker and the row helpers.
 * Deterministic: the same .wat gives the same bytes (a test rebuilds and
 * compares).
 *
 *   npx tsx scripts/build-kernels.ts           # writes the files
 *   npx tsx scripts/build-kernels.ts --check   # exits 1 when a file is stale
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileWat, kernelModuleSource, kernelSources } from './kernel-source';

const dir = fileURLToPath(new URL('../src/engine/kernels/', import.meta.url));
let stale = false;
for (const base of kernelSources(dir)) {
  const text = kernelModuleSource(base, await compileWat(`${base}.wat`, readFileSync(`${dir}${base}.wat`, 'utf8')));
  const target = `${dir}${base}-wasm.ts`;
  if (process.argv.includes('--check')) {
    const now = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (now !== text) {
      console.error(`${target} is stale: run npx tsx scripts/build-kernels.ts`);
      stale = true;
    } else console.log(`own kernels: ${base}-wasm.ts matches ${base}.wat`);
  } else {
    writeFileSync(target, text);
    console.log(`own kernels: wrote ${target}`);
  }
}
if (stale) process.exit(1);
