import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';

/**
 * Header paths pino replaces in a log line. Request and response bodies are never logged at all,
 * so case content stays out; `redactDeep` is the second line for objects code passes to a logger.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-enlace-signature"]',
  'res.headers["set-cookie"]',
];

/**
 * Keys whose values are personal, sensitive or secret, replaced wherever they appear in a logged
 * object: at any depth and inside arrays (a name inside a list of family contacts), which pino's
 * path wildcards cannot express. A key holding a whole record (child, familyContacts) is
 * replaced whole.
 */
export const REDACT_KEYS = new Set([
  'password',
  'token',
  'refreshToken',
  'accessToken',
  'secret',
  'child',
  'firstNames',
  'lastNames',
  'names',
  // A person's name in a list (family contacts, panel members, users); operational code logs ids.
  'name',
  'fullName',
  'dateOfBirth',
  'documents',
  'familyContacts',
  'email',
  'phone',
  'address',
  'genderIdentity',
  'ethnicIdentity',
  'disability',
  'narrative',
  'notes',
  'reason',
  'snapshot',
  'body',
]);
const CENSOR = '[redacted]';
const MAX_REDACT_DEPTH = 12;

/** A copy of a log object with REDACT_KEYS censored in plain objects and arrays (others untouched). */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (Array.isArray(value))
    return depth >= MAX_REDACT_DEPTH ? CENSOR : value.map((v) => redactDeep(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  // Requests, responses and errors keep their own serializers.
  if (proto !== Object.prototype && proto !== null) return value;
  if (depth >= MAX_REDACT_DEPTH) return CENSOR;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = REDACT_KEYS.has(k) ? CENSOR : redactDeep(v, depth + 1);
  return out;
}

export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  // Accept a caller's id only when it is short and plain, so it cannot smuggle content into logs.
  return given && /^[\w.-]{8,80}$/.test(given) ? given : randomUUID();
}

/** What every log line goes through, whoever writes it (requests, services, jobs). */
export const LOG_PRIVACY = {
  redact: { paths: REDACT_PATHS, censor: CENSOR },
  formatters: { log: (obj: Record<string, unknown>) => redactDeep(obj) as Record<string, unknown> },
  serializers: {
    req: (req: { id: string; method: string; url: string }) => ({
      id: req.id,
      method: req.method,
      // Query strings can carry names typed into a search box: log the path only.
      url: req.url?.split('?')[0],
    }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};

export const AppLoggerModule = LoggerModule.forRootAsync({
  inject: [ENV],
  useFactory: (env: Env) => ({
    // Nest 12 on Fastify matches nothing with the default pattern; {*splat} covers every route.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: env.logLevel,
      genReqId: (req: IncomingMessage) => requestIdOf(req),
      ...LOG_PRIVACY,
      // Probes and scrapes every few seconds would drown the log. Behind Nest's middleware on
      // Fastify, req.url is cut to what the route pattern left over; originalUrl is the full path.
      autoLogging: {
        ignore: (req: IncomingMessage & { originalUrl?: string }) =>
          /^\/(health|metrics)(\/|\?|$)/.test(req.originalUrl ?? req.url ?? ''),
      },
      customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
    },
  }),
});
