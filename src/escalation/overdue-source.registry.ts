import { Injectable } from '@nestjs/common';
import type { OverdueSource } from './overdue-source';

/**
 * The sources the overdue scan walks. A module adds its source from onModuleInit:
 * `registry.register(this.myOverdueSource)`.
 */
@Injectable()
export class OverdueSourceRegistry {
  private readonly sources = new Map<string, OverdueSource>();

  register(source: OverdueSource): void {
    if (this.sources.has(source.name)) throw new Error(`Overdue source ${source.name} is registered twice`);
    this.sources.set(source.name, source);
  }

  all(): OverdueSource[] {
    return [...this.sources.values()];
  }
}
