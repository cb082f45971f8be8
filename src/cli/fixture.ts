/** `fixture <file>`: checks one fidelity fixture (any kind, NB201 or DARTS); the last line is one JSON object. Exit 0 ok, 1 out of tolerance, 2 unreadable/invalid. */
import { readFile } from 'node:fs/promises';
import { loadCifar } from '../engine/data/cifar';
import { checkFixture, fixtureNeedsImages, parseFixture } from '../engine/checks/fixtures';
import type { Fixture } from '../engine/checks/fixtures';
import { nodeReadAsset } from '../node/assets';
import { setNodeBackend } from '../node/backend';
import type { KernelChoice } from '../engine/kernels/own-kernels';

export async function runFixture(file: string, backend: string, kernels: KernelChoice = 'own'): Promise<number> {
  let fixture: Fixture;
  try {
    const text = await readFile(file, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`not JSON (${(e as Error).message})`);
    }
    fixture = parseFixture(json);
  } catch (e) {
    console.log(JSON.stringify({ kind: null, error: `${file}: ${(e as Error).message}`, ok: false }));
    return 2;
  }
  if (backend !== 'wasm' && backend !== 'cpu') {
    console.log(JSON.stringify({ kind: fixture.kind, error: `unknown backend "${backend}" (wasm or cpu)`, ok: false }));
    return 2;
  }
  await setNodeBackend(backend, { kernels });
  const data = fixtureNeedsImages(fixture) ? await loadCifar(nodeReadAsset()) : null;
  const t0 = performance.now();
  const r = await checkFixture(fixture, data!, { backend });
  console.error(
    `${file}: ${fixture.kind} on ${backend}${backend === 'wasm' ? ` (${kernels} kernels)` : ''}, ${((performance.now() - t0) / 1000).toFixed(1)} s${r.failures.length ? `\n  ${r.failures.join('\n  ')}` : ''}`,
  );
  console.log(JSON.stringify({ kind: r.kind, expected: r.expected, actual: r.actual, ok: r.ok }));
  return r.ok ? 0 : 1;
}
