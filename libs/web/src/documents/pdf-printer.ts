import { existsSync } from 'node:fs';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { WEB_SETTINGS, type WebSettings } from '../web-settings';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Printing is not possible here: no Chromium at the configured path, or it would not start. */
export class PdfUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
  }
}

/** How long one document may take to print before the request gives up. */
const PRINT_TIMEOUT_MS = 30_000;

/**
 * Prints an HTML document (the master: ADR 30) to a tagged PDF with Chromium through
 * `playwright-core`, with the document's outline and its background colours (without
 * `printBackground` the BRAG colours vanish). One browser is started on the first print and
 * kept; each document gets its own page, with no network: what is printed is only the HTML given.
 * For minutes now, and committee packs next.
 */
@Injectable()
export class PdfPrinter implements OnApplicationShutdown {
  private browser: Promise<Browser> | null = null;
  private readonly executablePath: string;

  constructor(@Inject(WEB_SETTINGS) settings: Pick<WebSettings, 'chromiumPath'>) {
    this.executablePath = settings.chromiumPath ?? DEFAULT_CHROMIUM;
  }

  /** The PDF of `html`, A4; refuses with `PdfUnavailableError` when Chromium cannot be used here. */
  async print(html: string): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(PRINT_TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        tagged: true,
        outline: true,
        printBackground: true,
        margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
      });
    } finally {
      await context.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  private launch(): Promise<Browser> {
    if (!existsSync(this.executablePath)) {
      return Promise.reject(
        new PdfUnavailableError(`there is no Chromium at ${this.executablePath} to print PDF documents (set CHROMIUM_PATH)`),
      );
    }
    this.browser ??= this.start().catch((error: unknown) => {
      this.browser = null;
      throw error;
    });
    return this.browser;
  }

  private async start(): Promise<Browser> {
    let chromium: typeof import('playwright-core').chromium;
    try {
      // Loaded only when a PDF is asked for: the pages and the API start without it.
      ({ chromium } = await import('playwright-core'));
    } catch {
      throw new PdfUnavailableError('playwright-core is not installed, so PDF documents cannot be printed here');
    }
    try {
      return await chromium.launch({ executablePath: this.executablePath, args: ['--no-sandbox'], timeout: PRINT_TIMEOUT_MS });
    } catch (error) {
      throw new PdfUnavailableError(`Chromium at ${this.executablePath} would not start: ${(error as Error).message.split('\n')[0]}`);
    }
  }
}
