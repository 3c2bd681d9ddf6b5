import { dirname, join } from 'node:path';
import { Environment, FileSystemLoader } from 'nunjucks';
import type { WebAssets } from '../assets/web-assets';
import type { WebSettings } from '../web-settings';
import { asSentence, datesInText, dayInWords, momentInWords, targetDateInWords } from './dates';

/** A refused form field, as a page passes it to its template in `errors`: `field` is the input's id. */
export interface FormError {
  field: string;
  text: string;
}

/** The folder holding every page group's templates: `home/home.njk`, `layout/layout.njk`. */
export const TEMPLATES_ROOT = dirname(__dirname);

/**
 * The pages' Nunjucks environment. Templates are found beside their controllers (this library's
 * `src`, copied into `dist` by nest-cli's assets), and GOV.UK Frontend's and MoJ Frontend's macros
 * as `govuk/components/…` and `moj/components/…`. Output is escaped unless marked safe.
 */
export function pageEnvironment(settings: WebSettings, assets: WebAssets, modules = nodeModules()): Environment {
  const loader = new FileSystemLoader(
    [TEMPLATES_ROOT, join(modules, 'govuk-frontend', 'dist'), join(modules, '@ministryofjustice', 'frontend')],
    { noCache: false },
  );
  const environment = new Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  environment.addGlobal('asset', (name: string) => assets.url(name));
  environment.addGlobal('council', { name: settings.councilName, logoUrl: settings.councilLogoUrl });
  environment.addGlobal('phase', settings.phase);
  environment.addGlobal('serviceName', 'Action plans');
  environment.addGlobal('errorList', (errors: FormError[] = []) => errors.map((error) => ({ text: error.text, href: `#${error.field}` })));
  environment.addGlobal('fieldError', (errors: FormError[] = [], field: string) => {
    const found = errors.find((error) => error.field === field);
    return found ? { text: found.text } : undefined;
  });
  environment.addFilter('day', dayInWords);
  environment.addFilter('moment', momentInWords);
  environment.addFilter('datesInWords', datesInText);
  environment.addFilter('sentence', asSentence);
  environment.addFilter('targetDate', targetDateInWords);
  return environment;
}

/** node_modules as Node itself finds govuk-frontend from here. */
function nodeModules(): string {
  const entry = require.resolve('govuk-frontend');
  return entry.slice(0, entry.lastIndexOf(`${'node_modules'}`) + 'node_modules'.length);
}
