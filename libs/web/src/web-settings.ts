import type { WebConfig } from '@actionplans/config';

/** What the pages need to know of the configuration. */
export interface WebSettings extends WebConfig {
  /** The engine's address as people reach it: links in mail, and whether cookies are Secure. */
  publicUrl: string;
}

export const WEB_SETTINGS = Symbol('WEB_SETTINGS');
