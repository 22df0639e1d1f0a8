import { SetMetadata } from '@nestjs/common';
import type { JobDef } from './job-catalog';

export const ON_JOB = Symbol('ON_JOB');

/**
 * Marks a provider method as the handler of a job. Only the worker process runs handlers;
 * the provider may still be instantiated in the API (it is simply never called there).
 */
export const OnJob = (def: JobDef<any>): MethodDecorator => SetMetadata(ON_JOB, def.name);
