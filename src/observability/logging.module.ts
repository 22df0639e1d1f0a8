import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

/**
 * Keys whose values are personal or secret data; pino replaces them wherever they appear in a
 * log line. Request and response bodies are never logged at all, so case content stays out.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-enlace-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.refreshToken',
  '*.accessToken',
  '*.firstNames',
  '*.lastNames',
  '*.names',
  '*.dateOfBirth',
  '*.email',
  '*.phone',
  '*.address',
  '*.narrative',
  '*.notes',
  '*.secret',
];

export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  // Accept a caller's id only when it is short and plain, so it cannot smuggle content into logs.
  return given && /^[\w.-]{8,80}$/.test(given) ? given : randomUUID();
}

export const AppLoggerModule = LoggerModule.forRootAsync({
  inject: [ENV],
  useFactory: (env: Env) => ({
    // Nest 12 on Fastify matches nothing with the default pattern; {*splat} covers every route.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: env.logLevel,
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          // Query strings can carry names typed into a search box: log the path only.
          url: req.url?.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
    },
  }),
});
