import { Injectable } from '@nestjs/common';

const BOUND_MS = 5_000;

/** A reader of the global log: in this process (a position tracker) or in the worker (its stored checkpoint). */
export interface LogReader {
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

/**
 * A process that writes in response to what it reads (the panel process carries a decision to
 * its action): the position of the last event it wrote, known in memory or read from where the
 * worker stores it.
 */
export interface ReactingProcess {
  lastWritten(): number | Promise<number>;
}

/**
 * The readers of the global log whose results a client reads next (the live index, the report
 * tables, process managers), in this process or, when it runs no shared subscribers, in the
 * worker. A command waits until each has passed its position, and then, if a process wrote in
 * response (a decision's outcome on the action), until each has passed that too: the command's
 * effect includes it. Past the bound it answers anyway, and the position in the response still
 * tells the client how far to wait.
 */
@Injectable()
export class ReadYourWrites {
  private readonly readers: LogReader[] = [];
  private readonly processes: ReactingProcess[] = [];

  register(reader: LogReader): void {
    this.readers.push(reader);
  }

  registerProcess(process: ReactingProcess): void {
    this.processes.push(process);
  }

  async reach(position: number): Promise<void> {
    const deadline = Date.now() + BOUND_MS;
    await this.everyReader(position, deadline);
    // Once every process has read the command's events, what they wrote in response is in the log.
    const written = Math.max(0, ...(await Promise.all(this.processes.map(async (process) => process.lastWritten()))));
    if (written > position) await this.everyReader(written, deadline);
  }

  private async everyReader(position: number, deadline: number): Promise<void> {
    await Promise.all(this.readers.map((reader) => reader.waitFor(position, Math.max(0, deadline - Date.now()))));
  }
}
