import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';

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
export async function assertFetchable(url: string, allowPrivate: boolean, resolve?: Resolver): Promise<void> {
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
  const addresses = isIP(host) ? [host] : (await resolveAll(host, resolve)).map((a) => a.address);
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw privateTarget(u.hostname, bad);
}

const privateTarget = (host: string, address: string) =>
  new ForbiddenTargetError(
    `${host} resolves to private address ${address} (set ALLOW_PRIVATE_SOURCES to allow)`,
  );

/** How a name is resolved (node:dns lookup, all addresses); tests give their own. */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * The resolver a connection opens its socket with: it refuses a name that resolves to a private address at that
 * moment. assertFetchable checks before a request, but a name can resolve to a public address then and to a
 * private one when the socket is opened (DNS rebinding); this closes that gap for every request made through
 * {@link publicAgent}.
 */
export function publicOnlyLookup(resolve: Resolver = dnsLookup as Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, '', 0);
        return;
      }
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad) {
        callback(Object.assign(privateTarget(hostname, bad.address), { code: 'EPRIVATEADDRESS' }), '', 0);
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function resolveAll(host: string, resolve: Resolver = dnsLookup as Resolver): Promise<LookupAddress[]> {
  return new Promise((ok, fail) =>
    resolve(host, { all: true }, (err, found) => (err ? fail(err) : ok(found))),
  );
}

const agents = new Map<Resolver | undefined, Agent>();
/** The connection pool (one per resolver) of fetches that may not reach private addresses. */
export function publicAgent(resolve?: Resolver): Agent {
  let agent = agents.get(resolve);
  if (!agent) {
    agent = new Agent({ connect: { lookup: publicOnlyLookup(resolve) } });
    agents.set(resolve, agent);
  }
  return agent;
}
