/**
 * The published genotypes of the DARTS space the explorer compares a search
 * with (DARTS V2, PC-DARTS, TE-NAS's CIFAR-10 and ImageNet cells), as the app
 * ships them: public/data/darts-genotypes.json, built by scripts/build-data.ts
 * from ../shared/data/darts/genotypes.json (whose `source` names where each
 * comes from: genotypes.py of the DARTS evaluation code TE-NAS points to).
 * Each genotype is stored as its string and parsed (validated) when loaded.
 */
import { z } from 'zod';
import { type Genotype, parseGenotype } from '../model/darts/genotype';
import type { ReadAsset } from './assets';
import { firstIssue } from './zod-message';

export const DARTS_GENOTYPES_FILE = 'darts-genotypes.json';
export const DARTS_GENOTYPES_FORMAT = 'te-nas-explorer/darts-genotypes';
export const DARTS_GENOTYPES_VERSION = 1;

export const dartsGenotypesFileSchema = z.object({
  format: z.literal(DARTS_GENOTYPES_FORMAT),
  version: z.literal(DARTS_GENOTYPES_VERSION),
  /** Where the genotypes come from (repository and file). */
  source: z.string().max(500),
  genotypes: z
    .array(
      z.object({
        name: z.string().max(60),
        /** Method, authors, venue and the data it was searched on. */
        what: z.string().max(300),
        /** Commit of the source file. */
        commit: z.string().max(60),
        /** The genotype string (model/darts/genotype.ts). */
        genotype: z.string().max(1000),
      }),
    )
    .max(50),
});
export type DartsGenotypesFile = z.infer<typeof dartsGenotypesFileSchema>;

export interface PublishedGenotype {
  name: string;
  what: string;
  commit: string;
  genotype: Genotype;
}

export interface DartsGenotypes {
  source: string;
  genotypes: PublishedGenotype[];
}

/** Parses the shipped file; throws naming the first problem (schema or genotype). */
export function parseDartsGenotypes(text: string): DartsGenotypes {
  const r = dartsGenotypesFileSchema.safeParse(JSON.parse(text));
  if (!r.success) throw new Error(`${DARTS_GENOTYPES_FILE}: ${firstIssue(r.error)}`);
  return {
    source: r.data.source,
    genotypes: r.data.genotypes.map((g) => {
      try {
        return { name: g.name, what: g.what, commit: g.commit, genotype: parseGenotype(g.genotype) };
      } catch (e) {
        throw new Error(`${DARTS_GENOTYPES_FILE}: ${g.name}: ${(e as Error).message}`);
      }
    }),
  };
}

export async function loadDartsGenotypes(read: ReadAsset): Promise<DartsGenotypes> {
  return parseDartsGenotypes(new TextDecoder().decode(await read(DARTS_GENOTYPES_FILE)));
}
