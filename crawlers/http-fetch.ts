import iconv from 'iconv-lite';
import { fetch, type Response } from 'undici';
import { assertFetchable, ForbiddenTargetError, publicAgent, type Resolver } from './net-guard.ts';

/** A failed fetch; `retryable` says whether another attempt may help (timeouts, 5xx) or not (caps, loops, 4xx). */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  userAgent: string;
  allowPrivate: boolean;
  headers?: Record<string, string>;
  /** Decoded bytes at most (this also stops decompression bombs). */
  maxBytes?: number;
  /** Whole request, including redirects and body. */
  timeoutMs?: number;
  /** Longest silence between two chunks of the body. */
  idleMs?: number;
  maxRedirects?: number;
  /** Name resolution for the connect-time address check (tests); default node:dns. */
  resolve?: Resolver;
}

export interface FetchedResponse {
  url: string;
  finalUrl: string;
  status: number;
  headers: Headers;
  body: string;
  bytes: number;
  charset: string;
}

const DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 30_000, idleMs: 15_000, maxRedirects: 5 };

/**
 * GET a page as a careful client for hostile sites: every redirect hop is checked against the private-address
 * rule, loops and long chains stop, the decoded body is capped while it streams, a silent server times out, and
 * the text is decoded by the charset of the header, a BOM, or the page's own <meta>/XML declaration.
 */
export async function fetchPage(url: string, o: FetchOptions): Promise<FetchedResponse> {
  const opts = { ...DEFAULTS, ...o };
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const seen = new Set<string>();
  let current = url;
  for (let hop = 0; ; hop++) {
    if (seen.has(current)) throw new FetchError(`redirect loop at ${current}`, false);
    seen.add(current);
    await assertFetchable(current, opts.allowPrivate, opts.resolve);
    let res: Response;
    try {
      res = await fetch(current, {
        redirect: 'manual',
        signal: deadline,
        // Without ALLOW_PRIVATE_SOURCES the address is checked again when the socket opens (DNS rebinding).
        ...(opts.allowPrivate ? {} : { dispatcher: publicAgent(opts.resolve) }),
        headers: {
          'user-agent': opts.userAgent,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          'accept-language': 'vi,en;q=0.5',
          ...opts.headers,
        },
      });
    } catch (err) {
      throw networkError(err, current);
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      const location = res.headers.get('location');
      await res.body?.cancel();
      if (!location)
        throw new FetchError(`HTTP ${res.status} without Location at ${current}`, false, res.status);
      if (hop >= opts.maxRedirects)
        throw new FetchError(`more than ${opts.maxRedirects} redirects from ${url}`, false);
      current = new URL(location, current).toString();
      continue;
    }
    const raw = await readCapped(res, opts.maxBytes, opts.idleMs, current);
    const charset = detectCharset(res.headers.get('content-type'), raw);
    return {
      url,
      finalUrl: current,
      status: res.status,
      headers: res.headers,
      body: decode(raw, charset),
      bytes: raw.length,
      charset,
    };
  }
}

async function readCapped(res: Response, maxBytes: number, idleMs: number, url: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes && !res.headers.get('content-encoding')) {
    await res.body?.cancel();
    throw new FetchError(`${url}: response of ${declared} bytes exceeds the ${maxBytes}-byte cap`, false);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FetchError(`${url}: no data for ${idleMs} ms`, true)), idleMs);
    });
    let step: { done: boolean; value?: Uint8Array };
    try {
      step = await Promise.race([reader.read(), idle]);
    } catch (err) {
      await reader.cancel().catch(() => {});
      throw err instanceof FetchError ? err : networkError(err, url);
    } finally {
      clearTimeout(timer);
    }
    if (step.done || !step.value) break;
    total += step.value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchError(`${url}: response exceeds the ${maxBytes}-byte cap (after decompression)`, false);
    }
    chunks.push(Buffer.from(step.value));
  }
  return Buffer.concat(chunks);
}

/** Charset from the Content-Type header, else a BOM, else <meta charset>/<meta http-equiv>/<?xml encoding?>, else UTF-8. */
export function detectCharset(contentType: string | null, raw: Buffer): string {
  const fromHeader = /charset\s*=\s*["']?([\w:.-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader && iconv.encodingExists(fromHeader)) return fromHeader.toLowerCase();
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return 'utf-8';
  if (raw[0] === 0xff && raw[1] === 0xfe) return 'utf-16le';
  if (raw[0] === 0xfe && raw[1] === 0xff) return 'utf-16be';
  const head = raw.subarray(0, 4096).toString('latin1');
  const fromMeta =
    /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)/i.exec(head)?.[1];
  if (fromMeta && iconv.encodingExists(fromMeta)) return fromMeta.toLowerCase();
  return 'utf-8';
}

/** Decodes (invalid UTF-8 becomes U+FFFD, never an exception) and normalises to NFC. */
function decode(raw: Buffer, charset: string): string {
  return iconv
    .decode(raw, charset)
    .replace(/^\uFEFF/, '')
    .normalize('NFC');
}

function networkError(err: unknown, url: string): FetchError {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new FetchError(`${url}: timed out`, true);
  if (e.cause instanceof ForbiddenTargetError) return new FetchError(`${url}: ${e.cause.message}`, false);
  const why = e.cause?.code ?? e.cause?.message ?? e.message;
  return new FetchError(`${url}: ${why}`, true);
}
