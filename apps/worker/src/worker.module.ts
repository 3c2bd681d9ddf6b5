import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule, type ConfiguredEventStore } from '@actionplans/event-store';

/** Subscribers (projections, reminder scheduling) are registered here as they are built. */
@Module({})
export class WorkerModule {
  static forStore(store: ConfiguredEventStore): DynamicModule {
    return { module: WorkerModule, imports: [EventStoreModule.forStore(store)] };
  }
}
