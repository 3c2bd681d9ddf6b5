import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NOTIFICATION_KINDS, NOTIFICATION_TRIGGERS, type NotificationKind, type NotificationTrigger } from '@actionplans/domain';
import { IsOptionalNotNull, ReasonRequest } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** A channel for a plan's notifications. Its address is a secret: it is stored sealed and never shown back in full. */
export class AddNotificationChannelRequest extends CommandRequest {
  /** teams: a Teams Workflows webhook; slack: a Slack incoming webhook; webhook: an integrator's endpoint, signed. */
  @IsIn(NOTIFICATION_KINDS)
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  /** What people call the channel, e.g. "SEND partnership (Teams)". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** The webhook's address: https (plain http only to this machine, where NOTIFY_ALLOW_HTTP_LOOPBACK allows it). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  url!: string;

  /** What it is told of. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(NOTIFICATION_TRIGGERS, { each: true })
  @ApiProperty({ enum: NOTIFICATION_TRIGGERS, isArray: true })
  triggers!: NotificationTrigger[];

  /** An outbound webhook's signing secret (at least 16 characters): each request carries an HMAC-SHA256 of its body under it. */
  @IsOptionalNotNull()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  signingSecret?: string;
}

/** Only the fields sent are changed; a new address or secret replaces the old one, sealed. */
export class ChangeNotificationChannelRequest extends ReasonRequest {
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  url?: string;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(NOTIFICATION_TRIGGERS, { each: true })
  @ApiProperty({ enum: NOTIFICATION_TRIGGERS, isArray: true, required: false })
  triggers?: NotificationTrigger[];

  @IsOptionalNotNull()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  signingSecret?: string;
}

/** Which deliveries to list. */
export class DeliveriesQuery {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  @ApiProperty({ enum: DELIVERY_STATUSES, required: false })
  status?: (typeof DELIVERY_STATUSES)[number];

  @IsOptional()
  @IsString()
  @MaxLength(100)
  channelId?: string;
}

/** Nothing to say: a test message is sent now (the body may be empty). */
export class SendTestMessageRequest extends CommandRequest {}
