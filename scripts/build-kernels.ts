/**
 * Builds the own WebAssembly kernels from their hand-written text
 * (src/engine/kernels/*.wat) with wabt (npm), into
 * src/engine/kernels/rowconv-wasm.ts: the module's bytes as base64, so the
 * engine loads them the same way in Node, the worker and the row helpers.
 * Deterministic: the same .wat gives the same bytes (a test rebuilds and
 * compares).
 *
 *   npx tsx scripts/build-kernels.ts           # writes the file
 *   npx tsx scripts/build-kernels.ts --check   # exits 1 when the file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileWat, kernelModuleSource } from './kernel-source';

const dir = fileURLToPath(new URL('../src/engine/kernels/', import.meta.url));
const wat = readFileSync(`${dir}rowconv.wat`, 'utf8');
const text = kernelModuleSource(await compileWat('rowconv.wat', wat));
const target = `${dir}rowconv-wasm.ts`;
if (process.argv.includes('--check')) {
  const now = readFileSync(target, 'utf8');
  if (now !== text) {
    console.error(`${target} is stale: run npx tsx scripts/build-kernels.ts`);
    process.exit(1);
  }
  console.log('own kernels: rowconv-wasm.ts matches rowconv.wat');
} else {
  writeFileSync(target, text);
  console.log(`own kernels: wrote ${target}`);
}
