import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** A source that must not be fetched (private address, bad URL): not retryable. */
export class ForbiddenTargetError extends Error {
  override name = 'ForbiddenTargetError';
}

/** True for loopback, private, link-local, CGNAT, unique-local and unspecified addresses. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
}

/** Refuses URLs that are not http(s) or resolve to a private address, unless allowed by configuration. */
export async function assertFetchable(url: string, allowPrivate: boolean): Promise<void> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ForbiddenTargetError(`not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new ForbiddenTargetError(`not http(s): ${url}`);
  if (allowPrivate) return;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  const bad = addresses.find(isPrivateAddress);
  if (bad)
    throw new ForbiddenTargetError(
      `${u.hostname} resolves to private address ${bad} (set ALLOW_PRIVATE_SOURCES to allow)`,
    );
}
