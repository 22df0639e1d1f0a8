import type { INestApplication, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { NestContainer } from '@nestjs/core';
import { AUTHORIZE } from '../authz/authorize.decorator';
import { IS_PUBLIC } from '../auth/public.decorator';

/** What the decorators say about a handler, keyed by Nest's operationId (`Class_method`). */
export interface RouteFacts {
  public: boolean;
  authorized: boolean;
  /** The status of @HttpCode, if any. */
  httpCode?: number;
}

/** Reads @Public and @Authorize from every controller the app registered (works in preview mode). */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const container = (app as unknown as { container: NestContainer }).container;
  const out = new Map<string, RouteFacts>();
  for (const mod of container.getModules().values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as Type | null;
      if (!type?.prototype) continue;
      const classPublic = Reflect.getMetadata(IS_PUBLIC, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        if (name === 'constructor') continue;
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        out.set(`${type.name}_${name}`, {
          public: classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true,
          authorized: Reflect.getMetadata(AUTHORIZE, handler) !== undefined,
          httpCode: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined,
        });
      }
    }
  }
  return out;
}
