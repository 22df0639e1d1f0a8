import { Injectable } from '@nestjs/common';

/**
 * Where the process stands in its life: `serving`; `draining` once SIGTERM arrived (readiness
 * answers 503 so load balancers stop routing, requests are still served, each answer closes its
 * connection); `closing` once the listener is closed (requests still arriving on open
 * connections get 503 problem+json with `Connection: close`). See http-shutdown.ts.
 */
export type LifecyclePhase = 'serving' | 'draining' | 'closing';

@Injectable()
export class Lifecycle {
  phase: LifecyclePhase = 'serving';

  get stopping(): boolean {
    return this.phase !== 'serving';
  }
}
