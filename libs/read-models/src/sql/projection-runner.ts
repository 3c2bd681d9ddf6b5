import { SubscriberRunner, type EventStore, type PositionTracker } from '@actionplans/event-store';
import type { ReadModelProjection } from './projection';

export interface ProjectionRunnerOptions {
  /** Most events written in one transaction. */
  maxBatch?: number;
  logger?: { warn(message: string): void };
  retryMs?: number;
}

/**
 * Keeps the report tables following the global log from their checkpoint on their own, where no
 * list of subscribers runs them (tests, tools): the projection's subscriber in a runner of its own.
 */
export class ProjectionRunner {
  private readonly runner: SubscriberRunner;
  readonly tracker: PositionTracker;

  constructor(store: EventStore, projection: ReadModelProjection, options: ProjectionRunnerOptions = {}) {
    const subscriber = projection.subscriber(options.maxBatch);
    this.runner = new SubscriberRunner(store, [subscriber], { logger: options.logger, retryMs: options.retryMs });
    this.tracker = this.runner.tracker(subscriber.name);
  }

  async start(): Promise<void> {
    await this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner.stop();
  }
}
