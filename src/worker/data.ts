/** The worker's data: CIFAR-10 images and the NAS-Bench-201 table, fetched once from ./data/. */
import { loadCifar, type CifarData } from '../engine/data/cifar';
import { fetchReadAsset } from '../engine/data/fetch-assets';
import { loadNb201, type Nb201Table } from '../engine/data/nb201';

let cifar: Promise<CifarData> | null = null;
let nb201: Promise<Nb201Table> | null = null;

/** Absolute URL of public/data, given by the page (the worker script lives elsewhere, under assets/). */
let base: string | null = null;

export function setDataBase(url: string): void {
  if (url !== base) {
    cifar = null;
    nb201 = null;
  }
  base = url;
}

export function dataBase(): string {
  if (base === null) throw new Error('the data location was not set (init first)');
  return base;
}

export function getCifar(): Promise<CifarData> {
  cifar ??= loadCifar(fetchReadAsset(dataBase())).catch((err: unknown) => {
    cifar = null; // allow a retry
    throw err;
  });
  return cifar;
}

export function getNb201(): Promise<Nb201Table> {
  nb201 ??= loadNb201(fetchReadAsset(dataBase())).catch((err: unknown) => {
    nb201 = null;
    throw err;
  });
  return nb201;
}
