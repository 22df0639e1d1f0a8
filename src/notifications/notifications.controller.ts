import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Authorize } from '../authz/authorize.decorator';
import { ListNotificationsQuery } from './notification.dto';
import { NotificationsService } from './notifications.service';
import { UuidParam } from '../common/uuid-param.pipe';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authorize('list', 'Notification')
  @ApiOperation({ summary: "The caller's inbox, newest first (keyset pages, optional unread filter)" })
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q);
  }

  @Get('unread-count')
  @Authorize('list', 'Notification')
  @ApiOperation({ summary: "How many of the caller's notifications are unread" })
  unreadCount(@CurrentActor() actor: Actor) {
    return this.notifications.unreadCount(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @Authorize('update', 'Notification')
  @ApiOperation({ summary: "Marks all the caller's notifications as read" })
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Authorize('update', 'Notification')
  @ApiOperation({ summary: 'Marks one of the caller’s notifications as read' })
  read(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam)
    id: string,
  ) {
    return this.notifications.markRead(actor, id);
  }
}
