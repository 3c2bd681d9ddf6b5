import type { WebConfig } from '@actionplans/config';
import type { FirstAdminSettings } from './home/first-admin';

/** What the pages need to know of the configuration. */
export interface WebSettings extends WebConfig {
  /** The engine's address as people reach it: links in mail, and whether cookies are Secure. */
  publicUrl: string;
  /** Where the app keeps its data, for the command a fresh install prints; absent: the defaults (./data). */
  firstAdmin?: FirstAdminSettings;
}

export const WEB_SETTINGS = Symbol('WEB_SETTINGS');
