/**
 * public/data/darts-genotypes.json from ../shared/data/darts/genotypes.json:
 * each published genotype as its string (model/darts/genotype.ts), with its
 * name, what it is and the commit of its source; read back with the app's
 * parser and compared pair by pair with the source. Part of `npm run data`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DARTS_GENOTYPES_FILE,
  DARTS_GENOTYPES_FORMAT,
  DARTS_GENOTYPES_VERSION,
  type DartsGenotypesFile,
  parseDartsGenotypes,
} from '../src/engine/data/darts-genotypes';
import { firstIssue } from '../src/engine/data/zod-message';
import { formatGenotype, type Genotype, parseGenotype } from '../src/engine/model/darts/genotype';

const pair = z.tuple([z.string(), z.number().int()]);
const sourceSchema = z.object({
  source: z.string(),
  genotypes: z.array(
    z.object({
      name: z.string(),
      what: z.string(),
      commit: z.string(),
      normal: z.array(pair),
      normal_concat: z.array(z.number().int()),
      reduce: z.array(pair),
      reduce_concat: z.array(z.number().int()),
    }),
  ),
});

export async function buildDartsGenotypes(sourceFile: string, outDir: string): Promise<void> {
  const r = sourceSchema.safeParse(JSON.parse(await readFile(sourceFile, 'utf8')));
  if (!r.success) throw new Error(`build-data: ${sourceFile}: ${firstIssue(r.error)}`);
  const file: DartsGenotypesFile = {
    format: DARTS_GENOTYPES_FORMAT,
    version: DARTS_GENOTYPES_VERSION,
    source: r.data.source,
    genotypes: r.data.genotypes.map((g) => {
      // Through the parser: an unknown op or a malformed pair stops the build.
      const text = formatGenotype(g as unknown as Genotype);
      return { name: g.name, what: g.what, commit: g.commit, genotype: formatGenotype(parseGenotype(text)) };
    }),
  };
  const out = `${JSON.stringify(file)}\n`;
  await writeFile(join(outDir, DARTS_GENOTYPES_FILE), out);
  const back = parseDartsGenotypes(out);
  back.genotypes.forEach((g, i) => {
    const src = r.data.genotypes[i];
    const same = (a: readonly (readonly [string, number])[], b: readonly (readonly [string, number])[]) =>
      JSON.stringify(a) === JSON.stringify(b);
    if (g.name !== src.name || !same(g.genotype.normal, src.normal) || !same(g.genotype.reduce, src.reduce))
      throw new Error(`build-data: ${DARTS_GENOTYPES_FILE}: ${src.name} does not read back as its source`);
  });
  console.log(`darts genotypes: ${back.genotypes.map((g) => g.name).join(', ')}`);
}
