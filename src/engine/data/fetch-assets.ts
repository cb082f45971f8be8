/** Browser / Web Worker implementation of ReadAsset, using fetch. */
import { AssetError, type ReadAsset } from './assets';

/**
 * A ReadAsset fetching `name` relative to `baseUrl` (e.g. './data/' or an absolute URL).
 * Relative bases resolve against the page or worker location.
 */
export function fetchReadAsset(baseUrl: string | URL): ReadAsset {
  const here = (globalThis as { location?: { href: string } }).location?.href;
  const base = here === undefined ? new URL(baseUrl) : new URL(baseUrl, here);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return async (name: string) => {
    const url = new URL(name, base);
    let res: Response;
    try {
      res = await fetch(url);
    } catch (err) {
      throw new AssetError(name, `could not be fetched from ${url.href} (${String(err)})`, { cause: err });
    }
    if (!res.ok) {
      const problem = res.status === 404 ? `missing (HTTP 404 at ${url.href})` : `HTTP ${res.status} ${res.statusText} at ${url.href}`;
      throw new AssetError(name, problem);
    }
    // Dev servers answer unknown paths with the app's index.html (status 200).
    const type = res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html') && !/\.html?$/i.test(name)) {
      throw new AssetError(name, `missing (the server answered ${url.href} with an HTML page)`);
    }
    try {
      return new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      throw new AssetError(name, `download from ${url.href} failed (${String(err)})`, { cause: err });
    }
  };
}
