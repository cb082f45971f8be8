/**
 * Runs before any other module of the page (first import of main.tsx): a
 * pasted link with malformed percent-encoding (e.g. "?seed=%FF") makes
 * decodeURIComponent throw in libraries that read location.search when they
 * load (tfjs-core does). Such parts are dropped from the address here, with a
 * notice, before anything else can read them.
 */
export const urlRepairNotices: string[] = [];

function decodable(part: string): boolean {
  try {
    // The result is used so that the minifier keeps the call.
    return typeof decodeURIComponent(part) === 'string';
  } catch {
    return false;
  }
}

if (typeof location !== 'undefined' && location.search.length > 1) {
  const parts = location.search.slice(1).split('&');
  const bad = parts.filter((p) => !decodable(p));
  if (bad.length > 0) {
    const shown = bad.slice(0, 3).map((p) => JSON.stringify(p.length > 40 ? `${p.slice(0, 40)}…` : p));
    urlRepairNotices.push(
      `URL parameter${bad.length > 1 ? 's' : ''} ${shown.join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''} could not be decoded (malformed %-escapes) and ${bad.length > 1 ? 'were' : 'was'} ignored.`,
    );
    const kept = parts.filter(decodable).join('&');
    history.replaceState(history.state, '', `${location.pathname}${kept ? `?${kept}` : ''}${location.hash}`);
  }
}
