import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import { Public } from '../auth/auth.decorators';

/** `GET /health`: 200 with the event store's status while it answers, 503 when it does not. */
/** Monitors poll this often; it is never rate-limited. */
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.eventStore()]);
  }

  private async eventStore() {
    const indicator = this.indicators.check('eventStore');
    const { status, store, detail } = await this.store.health();
    return status === 'up' ? indicator.up({ store }) : indicator.down({ store, detail });
  }
}
