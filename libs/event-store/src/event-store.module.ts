import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfiguredEventStore } from './open-event-store';

/** Injection token of the configured event store. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Provides one opened event store to the whole app and closes it on shutdown. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: ConfiguredEventStore) {}

  static forStore(store: ConfiguredEventStore): DynamicModule {
    return { module: EventStoreModule, providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
