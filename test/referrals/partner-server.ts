import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sign, verify } from '../../src/referrals/referral-signature';

export interface PartnerMode {
  /** Answer every request with this status (after verifying the signature). */
  failWith?: number;
  /** Hold each answer this long (a slow partner system). */
  delayMs?: number;
}

/**
 * An external agency's system, as a partner would build it from docs/referrals.md: verifies the
 * signature and timestamp of every POST, processes each Idempotency-Key once (a repeat gets the
 * same acknowledgement), and answers with {receivedAt, externalReference}.
 */
export async function startPartner(secret: string) {
  const processed = new Map<string, { body: any; ack: { receivedAt: string; externalReference: string } }>();
  const stats = { requests: 0, badSignatures: 0, failed: 0 };
  let mode: PartnerMode = {};
  const read = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    stats.requests++;
    const failure = verify(
      secret,
      {
        timestamp: req.headers['x-enlace-timestamp'] as string,
        signature: req.headers['x-enlace-signature'] as string,
      },
      raw,
      Math.floor(Date.now() / 1000),
    );
    const key = req.headers['idempotency-key'] as string | undefined;
    if (failure || !key || req.headers['content-type'] !== 'application/json') {
      stats.badSignatures++;
      res.writeHead(401).end();
      return;
    }
    if (mode.failWith) {
      stats.failed++;
      res.writeHead(mode.failWith, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
      return;
    }
    // Processed on receipt, once per key, like a partner that commits before answering.
    let entry = processed.get(key);
    if (!entry) {
      entry = {
        body: JSON.parse(raw.toString('utf8')),
        ack: { receivedAt: new Date().toISOString(), externalReference: `EXT-${processed.size + 1}` },
      };
      processed.set(key, entry);
    }
    if (mode.delayMs) await new Promise((r) => setTimeout(r, mode.delayMs));
    if (!res.destroyed)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(entry.ack));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/enlace/referrals`,
    processed,
    stats,
    setMode(m: PartnerMode) {
      mode = m;
    },
    /** Bodies of processed referrals (not withdrawal notices), by referral id. */
    referrals() {
      return [...processed.values()].filter((e) => e.body.type === 'referral').map((e) => e.body);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Signed headers for the inbound status route, as a partner computes them. */
export function signedHeaders(
  secret: string,
  agencyId: string,
  raw: string,
  at = Math.floor(Date.now() / 1000),
) {
  return {
    'content-type': 'application/json',
    'x-enlace-agency': agencyId,
    'x-enlace-timestamp': String(at),
    'x-enlace-signature': sign(secret, at, raw),
  };
}
