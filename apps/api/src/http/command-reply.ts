import type { Response } from 'express';
import type { CommandOutcome } from '@actionplans/commands';
import { etag } from '../commands/request-context';
import type { CommandResponse } from './command.response.dto';

/** Sets `ETag` (and `Location` for something new) and shapes what every command answers. */
export function reply(response: Response, outcome: CommandOutcome, location?: string, createdId?: string): CommandResponse {
  response.setHeader('ETag', etag(outcome.version));
  if (location) response.setHeader('Location', location);
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return {
    id: outcome.id,
    version: outcome.version,
    position: outcome.position,
    events: outcome.events,
    ...(createdId ? { createdId } : {}),
    replayed: outcome.replayed,
  };
}
