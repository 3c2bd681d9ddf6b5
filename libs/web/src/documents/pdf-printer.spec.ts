import { PdfPrinter, PdfUnavailableError } from './pdf-printer';

describe('the PDF printer', () => {
  it('says plainly that it cannot print where there is no Chromium at the configured path', async () => {
    const printer = new PdfPrinter({ chromiumPath: '/nonexistent/chromium' });
    const printing = printer.print('<!DOCTYPE html><title>Minutes</title><p>Minutes</p>');
    await expect(printing).rejects.toBeInstanceOf(PdfUnavailableError);
    await expect(printing).rejects.toThrow('there is no Chromium at /nonexistent/chromium to print PDF documents (set CHROMIUM_PATH)');
  });
});
