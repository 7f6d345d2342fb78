/** Query parameters that only track a click and never change the article. */
const TRACKING =
  /^(utm_\w+|fbclid|gclid|zarsrc|zalo_\w*|_gl|ref|refer|source|src|cmpid|itm_\w+|mc_cid|mc_eid|gidzl|vnexpress_source)$/i;

/**
 * Canonical form of an article URL: https, no "www."/"m." host prefix, no AMP suffix, no tracking
 * parameters or fragment, no trailing slash. Two URLs of one article map to one key.
 */
export function canonicalUrl(input: string): string {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return input.trim();
  }
  u.hash = '';
  if (u.protocol === 'http:' && !isLocal(u.hostname)) u.protocol = 'https:';
  u.hostname = u.hostname.toLowerCase().replace(/^(www|m|amp|mobile)\./, '');
  for (const key of [...u.searchParams.keys()])
    if (TRACKING.test(key) || key === 'amp') u.searchParams.delete(key);
  u.searchParams.sort();
  u.pathname = u.pathname
    .replace(/\/amp\/?$/i, '')
    .replace(/\.amp(\.html?)$/i, '$1')
    .replace(/^\/amp\//i, '/')
    .replace(/\/+$/, '');
  const out = u.toString();
  return out.endsWith('/') && u.pathname === '' ? out.slice(0, -1) : out;
}

function isLocal(host: string): boolean {
  return host === 'localhost' || /^127\./.test(host) || host === '[::1]';
}

/** Resolves a possibly relative link against a base URL; undefined for non-http links. */
export function absolute(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    const u = new URL(link.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
