import type { Response } from 'express';
import { PdfUnavailableError, type PdfPrinter } from '../documents/pdf-printer';
import type { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import type { RenderedPack } from './pack-document';

/** A pack carries no script and loads nothing: its own styles are all it may use, and no nonce is in what its hash covers. */
export const PACK_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The pack's HTML as it is, under its own Content-Security-Policy. */
export function sendPackHtml(pages: PageRenderer, request: PageRequest, response: Response, html: string): void {
  response.setHeader('Content-Security-Policy', PACK_CSP);
  pages.send(request, response, 200, html);
}

/** Prints and sends the PDF; where it cannot be printed here, says why (the page shows it with a 503) and sends nothing. */
export async function sendPackPdf(printer: PdfPrinter, response: Response, { html, hash }: RenderedPack): Promise<string | null> {
  try {
    const pdf = await printer.print(html);
    response.status(200).setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="committee-pack-${hash.slice(0, 12)}.pdf"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(pdf);
    return null;
  } catch (error) {
    if (!(error instanceof PdfUnavailableError)) throw error;
    return `The PDF cannot be made on this server: ${error.message}. Preview the pack as HTML instead: it is the master copy and prints from a browser.`;
  }
}
