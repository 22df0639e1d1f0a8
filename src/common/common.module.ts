import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { DomainEvents } from './domain-events';

/** The clock and the in-process domain event bus, for every module. */
@Global()
@Module({ providers: [Clock, DomainEvents], exports: [Clock, DomainEvents] })
export class CommonModule {}
