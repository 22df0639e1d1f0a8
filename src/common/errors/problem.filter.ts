import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { databaseFailure, isPoolWaitTimeout } from '../../database/database-errors';
import { AppError, FieldIssue } from './app-error';
import { CommonErrors } from './common.errors';
import { interpolate, Lang, pickLang } from './lang';
import { validationMessages } from './validation-messages';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: { field: string; code: string; message: string }[];
  /** Extension members of a coded error (AppError.extensions). */
  [extension: string]: unknown;
}

const statusCodes: Record<number, keyof typeof CommonErrors> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * PostgreSQL data exceptions caused by a value the client sent (NUL or malformed text, a number
 * or date out of range). The validation pipe rejects these first, with field details; this is the
 * last line for a value that slipped past it, so it answers 400 instead of 500.
 */
const UNSTORABLE_VALUE_SQLSTATES = new Set(['22021', '22P05', '22003', '22008', '22007', '22P02']);

export function isUnstorableValue(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code = (err.driverError as { code?: string } | undefined)?.code;
  return !!code && UNSTORABLE_VALUE_SQLSTATES.has(code);
}

/**
 * The database is saturated or away (no pooled connection within DB_POOL_WAIT_MS, connection
 * refused or cut, server shutting down), or the transaction lost a race (serialization failure,
 * deadlock) after its retries: not the request's fault, so 503 with Retry-After, never 500.
 */
const DATABASE_RETRY_AFTER_SECONDS = { unavailable: 5, conflict: 1 } as const;

export function isPoolTimeout(err: unknown): boolean {
  return isPoolWaitTimeout(err);
}

/** Turns anything thrown into an AppError; unknown errors become INTERNAL (and are logged). */
export function toAppError(err: unknown, req: { method?: string; url?: string; id?: string }): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 404 && /^Cannot /.test(err.message)) {
      return CommonErrors.ROUTE_NOT_FOUND({ method: req.method, path: (req.url ?? '').split('?')[0] });
    }
    const code = statusCodes[status];
    if (code) return CommonErrors[code]();
  }
  if (isUnstorableValue(err)) return CommonErrors.UNSTORABLE_VALUE();
  const failure = databaseFailure(err);
  if (failure)
    return CommonErrors.DATABASE_UNAVAILABLE({ retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS[failure] });
  // Fastify's own errors (body parsing, size limits) carry a statusCode and an FST_ code.
  const fst = err as { statusCode?: number; code?: string };
  if (typeof fst?.statusCode === 'number' && fst.statusCode < 500 && statusCodes[fst.statusCode]) {
    return CommonErrors[statusCodes[fst.statusCode]]();
  }
  return CommonErrors.INTERNAL({ requestId: req.id });
}

/** The SQLSTATE or network error code of an error or of what it wraps (never its message). */
function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

export function issueMessage(issue: FieldIssue, lang: Lang): string {
  if (issue.message) return issue.message[lang];
  const template = validationMessages[issue.code];
  return template ? interpolate(template[lang], issue.params) : issue.code;
}

export function renderProblem(error: AppError, lang: Lang, instance?: string, requestId?: string): Problem {
  const problem: Problem = {
    type: `urn:enlace:problem:${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: error.title(lang),
    status: error.status,
    detail: error.detail(lang),
    instance,
    code: error.code,
    requestId,
  };
  if (error.issues.length) {
    problem.errors = error.issues.map((i) => ({
      field: i.field,
      code: i.code,
      message: issueMessage(i, lang),
    }));
  }
  return { ...problem, ...error.extensions };
}

/**
 * RFC 9457 problem+json for every error, in Spanish or English by Accept-Language.
 * A 500 never leaks internals: the response carries the request id, the log the stack.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const error = toAppError(exception, req);
    if (error.code === 'UNSTORABLE_VALUE') {
      // A gap in input validation: worth fixing, but the SQLSTATE is enough (no values in logs).
      const code = ((exception as QueryFailedError).driverError as { code?: string }).code;
      this.logger.warn(
        { sqlState: code, requestId: req.id, route: req.routeOptions?.url },
        'unstorable value',
      );
    }
    if (error.code === 'DATABASE_UNAVAILABLE') {
      // Saturation or an outage, not a bug: no stack, but operators need to see it. Codes only.
      this.logger.warn(
        {
          requestId: req.id,
          route: req.routeOptions?.url,
          failure: databaseFailure(exception),
          dbCode: errorCode(exception),
          error: (exception as Error)?.constructor?.name,
        },
        'database unavailable',
      );
    } else if (error.status >= 500) {
      const e = exception as Error;
      this.logger.error(
        { err: { type: e?.name, message: e?.message, stack: e?.stack }, requestId: req.id },
        'unhandled error',
      );
    }
    const lang = pickLang(req.headers['accept-language']);
    const body = renderProblem(error, lang, req.url?.split('?')[0], String(req.id));
    const wait = error.params.retryAfterSeconds;
    if (typeof wait === 'number') void reply.header('retry-after', String(wait));
    void reply
      .status(error.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('content-language', lang)
      .send(body);
  }
}
