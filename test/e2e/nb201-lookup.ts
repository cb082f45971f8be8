// Prints the NAS-Bench-201 accuracies of an arch as JSON, from public/data/nb201.bin via the engine.
import { loadNb201 } from '../../src/engine/data/nb201';
import { nodeReadAsset } from '../../src/node/assets';

const arch = process.argv[2];
if (!arch) throw new Error('usage: tsx test/e2e/nb201-lookup.ts <arch>');
const row = (await loadNb201(nodeReadAsset())).byArch(arch);
console.log(JSON.stringify({ cifar10: row.cifar10, cifar100: row.cifar100, imagenet16: row.imagenet16 }));
