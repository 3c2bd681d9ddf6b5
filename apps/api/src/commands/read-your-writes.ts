import { Injectable } from '@nestjs/common';
import type { PositionTracker } from '@actionplans/read-models';

const BOUND_MS = 5_000;

/**
 * A process in this app that writes in response to what it reads (the panel process carries a
 * decision to its action): the position of the last event it wrote.
 */
export interface ReactingProcess {
  lastWritten(): number;
}

/**
 * The in-process readers of the global log (the live index, the report tables, process managers).
 * A command waits until each has passed its position, and then, if a process wrote in response
 * (a decision's outcome on the action), until each has passed that too: the command's effect
 * includes it. Past the bound it answers anyway, and the position in the response still tells
 * the client how far to wait.
 */
@Injectable()
export class ReadYourWrites {
  private readonly trackers: PositionTracker[] = [];
  private readonly processes: ReactingProcess[] = [];

  register(tracker: PositionTracker): void {
    this.trackers.push(tracker);
  }

  registerProcess(process: ReactingProcess): void {
    this.processes.push(process);
  }

  async reach(position: number): Promise<void> {
    const deadline = Date.now() + BOUND_MS;
    await this.everyReader(position, deadline);
    // Once every process has read the command's events, what they wrote in response is in the log.
    const written = Math.max(0, ...this.processes.map((process) => process.lastWritten()));
    if (written > position) await this.everyReader(written, deadline);
  }

  private async everyReader(position: number, deadline: number): Promise<void> {
    await Promise.all(this.trackers.map((tracker) => tracker.waitFor(position, Math.max(0, deadline - Date.now()))));
  }
}
