import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { QueueName } from '../queues/job-catalog';

const QUEUES = Object.values(QueueName);

export class JobParams {
  @ApiProperty({ enum: QUEUES })
  @IsIn(QUEUES)
  queue: QueueName;

  @ApiProperty({ example: 'system.ping.3f1c…' })
  @Matches(/^[\w.-]{1,200}$/)
  id: string;
}

/** Ping takes no input; the empty DTO makes the global pipe reject any field sent. */
export class PingBody {}
