import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreModule, type ConfiguredEventStore } from '@actionplans/event-store';
import { HealthController } from './health/health.controller';

/** The all-in-one app: HTTP API over the configured event store. */
@Module({})
export class AppModule {
  static forStore(store: ConfiguredEventStore): DynamicModule {
    return {
      module: AppModule,
      imports: [EventStoreModule.forStore(store), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
    };
  }
}
