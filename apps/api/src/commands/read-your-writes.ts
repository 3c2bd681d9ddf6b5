import { Injectable } from '@nestjs/common';
import type { PositionTracker } from '@actionplans/read-models';

const BOUND_MS = 5_000;

/**
 * The in-process readers of the global log (the live index, process managers). A command waits
 * until each has passed its position; past the bound it answers anyway, and the position in the
 * response still tells the client how far to wait.
 */
@Injectable()
export class ReadYourWrites {
  private readonly trackers: PositionTracker[] = [];

  register(tracker: PositionTracker): void {
    this.trackers.push(tracker);
  }

  async reach(position: number): Promise<void> {
    await Promise.all(this.trackers.map((tracker) => tracker.waitFor(position, BOUND_MS)));
  }
}
