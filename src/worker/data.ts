/** The worker's data: CIFAR-10 images and the NAS-Bench-201 table, fetched once from ./data/. */
import { loadCifar, type CifarData } from '../engine/cifar';
import { fetchReadAsset } from '../engine/fetch-assets';
import { loadNb201, type Nb201Table } from '../engine/nb201';

/** public/data, relative to the worker script (which lives under assets/ in the build). */
function dataBase(): string {
  return new URL(`${import.meta.env.BASE_URL}data/`, self.location.href).href;
}

let cifar: Promise<CifarData> | null = null;
let nb201: Promise<Nb201Table> | null = null;

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
