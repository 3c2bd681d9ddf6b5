import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NOTIFICATION_TRIGGERS } from '@actionplans/domain';

/** A channel as it is shown: never its whole address, never its secret. */
export class NotificationChannelResponse {
  channelId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: string;
  name!: string;
  @ApiProperty({ enum: NOTIFICATION_TRIGGERS, isArray: true })
  triggers!: string[];
  /** Masked: scheme, host and the last four characters, e.g. `https://prod-12.westeurope.logic.azure.com/…/abcd`. */
  address!: string;
  /** Whether requests to it are signed (an outbound webhook). */
  hasSigningSecret!: boolean;
  addedAt!: string;
}

export class DeliveryAttemptResponse {
  attempt!: number;
  attemptedAt!: string;
  /** The HTTP status it answered; null when it did not answer. */
  @ApiProperty({ type: 'integer', nullable: true })
  statusCode!: number | null;
  durationMs!: number;
  @ApiProperty({ enum: ['delivered', 'will retry', 'failed'] })
  outcome!: string;
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
  /** When the next attempt is due, after a failure that is retried. */
  @ApiProperty({ type: String, nullable: true })
  nextRetryAt!: string | null;
}

/** One notification to one channel, and every attempt to send it. */
export class DeliveryResponse {
  deliveryId!: string;
  channelId!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  channelKind!: string;
  /** The event that caused it: SignOffRecordedFromPaper, PanelOutcomeRecorded, SignedOffByDelegatedBody, ActionBecameOverdue, NotificationTest. */
  eventType!: string;
  @ApiProperty({ enum: NOTIFICATION_TRIGGERS })
  trigger!: string;
  /** What it says. */
  title!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status!: string;
  attempts!: number;
  @ApiProperty({ type: String, nullable: true })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  lastStatusCode!: number | null;
  createdAt!: string;
  attemptLog!: DeliveryAttemptResponse[];
}

/** What a test message came to on its first attempt. */
export class TestMessageResponse {
  deliveryId!: string;
  @ApiProperty({ enum: ['delivered', 'will retry', 'failed'] })
  outcome!: string;
  @ApiProperty({ type: 'integer', nullable: true })
  statusCode!: number | null;
  durationMs!: number;
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}
