import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Readable } from 'node:stream';

export const INBOUND_STATUS_PATH = '/api/v1/referrals/inbound/status';
const MAX_INBOUND_BYTES = 65_536;

/**
 * Keeps the exact request bytes of the signed inbound route (`request.rawBody`): the HMAC is
 * over the bytes the partner sent, not over a re-serialization. Only that route pays for it; in
 * the worker (no HTTP server) this does nothing.
 */
@Injectable()
export class InboundRawBodyHook implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as
      { addHook?: (name: string, fn: (...a: any[]) => unknown) => void } | undefined;
    if (!fastify?.addHook) return;
    fastify.addHook(
      'preParsing',
      async (req: { url: string; rawBody?: Buffer }, _reply: unknown, payload: Readable) => {
        if (req.url.split('?')[0] !== INBOUND_STATUS_PATH) return payload;
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of payload) {
          size += (chunk as Buffer).length;
          if (size > MAX_INBOUND_BYTES)
            throw Object.assign(new Error('body too large'), {
              statusCode: 413,
              code: 'FST_ERR_CTP_BODY_TOO_LARGE',
            });
          chunks.push(chunk as Buffer);
        }
        const raw = Buffer.concat(chunks);
        req.rawBody = raw;
        const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
        replay.receivedEncodedLength = raw.length;
        return replay;
      },
    );
  }
}
