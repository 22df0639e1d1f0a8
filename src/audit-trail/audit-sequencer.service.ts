import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { ENV } from '../config/env.module';
import type { Env } from '../config/env';
import { ChainSealer, SEQUENCER_LOCK } from './audit-sequencer';

/**
 * The audit sequencer (worker process only): seals committed audit rows into the chain, batch
 * after batch, and signs checkpoints (see ChainSealer). Exactly one runs at a time across all
 * processes: each worker opens a dedicated session and tries `pg_try_advisory_lock`; the one that
 * gets it seals on that same session, so the lock and the sealing live and die together (a
 * crashed leader's session ends, its lock is released, another worker takes over within
 * LEADER_RETRY_MS). Sealing on the lock's own session also means no sealer can run without it.
 */
@Injectable()
export class AuditSequencerService implements OnApplicationBootstrap, OnApplicationShutdown {
  static readonly LEADER_RETRY_MS = 1000;
  private readonly logger = new Logger('AuditSequencerService');
  private stopped = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private client?: Client;
  /** True while this process holds the leader lock. */
  leader = false;

  constructor(@Inject(ENV) private readonly env: Env) {}

  onApplicationBootstrap(): void {
    if (!this.env.audit.sequencer) return;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    const a = this.env.audit;
    const sealer = new ChainSealer(
      a.signingKey
        ? {
            privateKey: a.signingKey,
            every: a.checkpointEvery,
            intervalMs: a.checkpointIntervalMs,
            file: a.checkpointFile,
          }
        : undefined,
    );
    if (!a.signingKey)
      this.logger.warn('AUDIT_SIGNING_KEY is not set: the audit chain is sealed without checkpoints');
    while (!this.stopped) {
      const client = new Client({
        connectionString: this.env.databaseUrl,
        application_name: 'enlace-audit-sequencer',
        connectionTimeoutMillis: 10_000,
      });
      this.client = client;
      client.on('error', () => undefined); // a lost session surfaces on the next query
      try {
        await client.connect();
        while (!this.stopped) {
          const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [SEQUENCER_LOCK]);
          if (rows[0].locked) break;
          await this.sleep(AuditSequencerService.LEADER_RETRY_MS);
        }
        if (this.stopped) break;
        this.leader = true;
        this.logger.log('leading the audit sequencer');
        while (!this.stopped) {
          const r = await sealer.sealBatch(client, a.sealBatch);
          if (r.sealed < a.sealBatch) await this.sleep(a.sealIntervalMs);
        }
      } catch (e) {
        this.logger.warn(`audit sequencer stopped, will retry: ${(e as Error).message}`);
        await this.sleep(AuditSequencerService.LEADER_RETRY_MS);
      } finally {
        this.leader = false;
        this.client = undefined;
        await client.end().catch(() => undefined);
      }
    }
  }
}
