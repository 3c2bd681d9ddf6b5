import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { User } from '@actionplans/auth';

/**
 * The rate limit counts each signed-in user's requests, so colleagues behind one council proxy
 * do not share a budget; requests to the public routes count per address.
 */
@Injectable()
export class PerUserThrottler extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown> & { user?: User; ip?: string }): Promise<string> {
    return request.user ? `user:${request.user.userId}` : `ip:${request.ip ?? 'unknown'}`;
  }
}
