import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string;
  /** X-Diemtin-Notification: the outbox row's dedupe key. */
  notification: string;
  raw: string;
}

export interface SmtpOptions {
  /** Answer 451 (try again later) to this many DATA commands first. */
  failFirst?: number;
  /** Recipients refused for good (550 on RCPT TO). */
  reject?: (address: string) => boolean;
  /** Messages received but not answered while this says so: they are lost if the client dies. */
  hold?: (m: ReceivedMail) => boolean;
}

/**
 * A real SMTP server on 127.0.0.1 for tests. A message counts as delivered only once the server has answered
 * 250 to the client while the connection was still open (as a real MTA commits it).
 */
export async function startSmtp(o: SmtpOptions = {}) {
  const delivered: ReceivedMail[] = [];
  const held = new Set<{ m: ReceivedMail; session: string; accept: () => void }>();
  const closed = new Set<string>();
  let failures = o.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (o.reject?.(address.address)) {
        const err = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
        const m: ReceivedMail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header('Message-ID'),
          notification: header('X-Diemtin-Notification'),
          raw,
        };
        if (failures > 0) {
          failures--;
          const err = new Error('4.3.0 try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return cb(err);
        }
        const accept = () => {
          if (closed.has(session.id)) return; // the client is gone: never committed
          delivered.push(m);
          cb();
        };
        if (o.hold?.(m)) held.add({ m, session: session.id, accept });
        else accept();
      });
    },
    onClose(session) {
      closed.add(session.id);
      for (const h of held) if (h.session === session.id) held.delete(h);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    /** Messages waiting for an answer. */
    held: () => [...held].map((h) => h.m),
    /** Stops holding: answers the held messages whose clients are still connected. */
    release() {
      o.hold = undefined;
      for (const h of held) h.accept();
      held.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver for webhooks; answers with the scripted statuses first, then 200. */
export async function startHookReceiver(statuses: number[] = []) {
  const received: ReceivedHook[] = [];
  const script = [...statuses];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(script.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Resolves when `check` holds, polling; rejects after `timeoutMs` naming what was awaited. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
