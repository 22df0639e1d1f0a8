import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor';
import { AccessTokenService } from '../auth/access-token.service';
import { AuthzService } from '../authz/authz.service';
import { AppError } from '../common/errors/app-error';
import { CommonErrors } from '../common/errors/common.errors';
import { pickLang } from '../common/errors/lang';
import { renderProblem } from '../common/errors/problem.filter';
import { QueueService } from '../queues/queue.service';
import {
  cookieValue,
  DASHBOARD_COOKIE,
  DASHBOARD_PATH,
  QueueDashboardTokens,
} from './queue-dashboard-tokens';

/**
 * Bull Board at /admin/queues, listing every queue, for administrators only. Its routes are plain
 * Fastify routes (outside Nest's guards), so an onRequest hook on the prefix authenticates them:
 * an administrator bearer token, or the dashboard cookie from POST
 * /api/v1/operations/queue-dashboard/session. Registered only where there is an HTTP server (the
 * API, not the worker).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueService,
    private readonly accessTokens: AccessTokenService,
    private readonly dashboardTokens: QueueDashboardTokens,
    private readonly authz: AuthzService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const board = new BullBoardFastifyAdapter();
    board.setBasePath(DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.allQueues().map((q) => new BullMQAdapter(q)),
      // @bull-board/fastify carries its own copy of @bull-board/api typings (9.10.1 vs 9.10.2).
      serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: 'Enlace queues' } },
    });
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (req, reply) => this.guard(req, reply));
        await scope.register(board.registerPlugin());
      },
      { prefix: DASHBOARD_PATH },
    );
  }

  private async guard(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = req.headers.authorization;
    let actor: Actor | null;
    if (header) {
      actor = header.startsWith('Bearer ') ? this.accessTokens.verify(header.slice(7).trim()) : null;
    } else {
      const cookie = cookieValue(req.headers.cookie, DASHBOARD_COOKIE);
      actor = cookie ? this.dashboardTokens.verify(cookie) : null;
    }
    if (!actor) return this.refuse(req, reply, CommonErrors.UNAUTHENTICATED());
    if (!this.authz.ability(actor).can('manage', 'Operations')) {
      await this.authz.denied(actor, 'manage', 'Operations');
      return this.refuse(req, reply, CommonErrors.FORBIDDEN());
    }
  }

  private async refuse(req: FastifyRequest, reply: FastifyReply, error: AppError): Promise<void> {
    const lang = pickLang(req.headers['accept-language']);
    await reply
      .status(error.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('content-language', lang)
      .send(renderProblem(error, lang, req.url.split('?')[0], String(req.id)));
  }
}
