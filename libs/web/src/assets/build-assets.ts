import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ASSET_MANIFEST, assetsFolder, repositoryRoot, type AssetManifest } from './asset-files';

/**
 * Builds the pages' styles and scripts into `dist/web-assets`, each named by its content hash
 * (`application-<hash>.css`) and stored with its gzip and brotli forms beside it, plus a manifest
 * from each logical name to its file. It runs at build time (`npm run build`, `npm start`'s
 * prestart, Jest's global setup when the folder is missing) because compiling GOV.UK Frontend's
 * Sass takes seconds, which the first page after start-up cannot spare, and `sass` is a
 * development dependency.
 */
export async function buildAssets(root = repositoryRoot()): Promise<AssetManifest> {
  const out = assetsFolder(root);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'images'), { recursive: true });
  const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
  const moj = join(root, 'node_modules', '@ministryofjustice', 'frontend', 'moj');
  const manifest: AssetManifest = {
    'application.css': emit(out, 'application', 'css', await compileStyles(root)),
    'govuk-frontend.js': emit(out, 'govuk-frontend', 'js', readFileSync(join(govuk, 'govuk-frontend.min.js'))),
    'moj-frontend.js': emit(out, 'moj-frontend', 'js', readFileSync(join(moj, 'moj-frontend.min.js'))),
    'favicon.svg': emit(out, 'favicon', 'svg', Buffer.from(FAVICON)),
  };
  // GOV.UK Frontend's images and web manifest keep their own names: its Sass and manifest refer to them so.
  for (const image of readdirSync(join(govuk, 'assets', 'images')))
    copyFileSync(join(govuk, 'assets', 'images', image), join(out, 'images', image));
  // MoJ Frontend's icons (a filter tag's remove cross, the sortable table's arrows) likewise; not
  // its logos, which are the Ministry of Justice's own.
  for (const icon of readdirSync(join(moj, 'assets', 'images')).filter((name) => /^icon-.+\.svg$/.test(name)))
    copyFileSync(join(moj, 'assets', 'images', icon), join(out, 'images', icon));
  copyFileSync(join(govuk, 'assets', 'manifest.json'), join(out, 'manifest.json'));
  writeFileSync(join(out, ASSET_MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * The pages' own icon: a ticked list in GOV.UK blue, so a browser asking for one gets it rather than
 * a 404 (GOV.UK Frontend's icons carry the crown, which only GOV.UK may use).
 */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#1d70b8"/>' +
  '<path d="M6 10l3 3 5-6M6 22l3 3 5-6" fill="none" stroke="#fff" stroke-width="3"/>' +
  '<path d="M17 10h9M17 22h9" stroke="#fff" stroke-width="3"/></svg>';

async function compileStyles(root: string): Promise<Buffer> {
  const sass = await import('sass');
  const entry = join(__dirname, 'application.scss');
  const result = sass.compile(existsSync(entry) ? entry : join(root, 'libs', 'web', 'src', 'assets', 'application.scss'), {
    // MoJ Frontend names GOV.UK Frontend's files from the project root (node_modules/govuk-frontend/…).
    loadPaths: [root, join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    logger: {
      // Deprecations inside the two design systems are theirs to fix; our own warnings are shown.
      warn: (message, options) => {
        const ours = (options.stack ?? '').split('\n').some((frame) => frame.trim() && !/node_modules|root stylesheet/.test(frame));
        if (ours) process.stderr.write(`sass: ${message}\n${options.stack ?? ''}\n`);
      },
    },
  });
  return Buffer.from(result.css);
}

/** Writes one asset under its hashed name, with its compressed forms; returns the name. */
function emit(out: string, name: string, extension: string, content: Buffer): string {
  const file = `${name}-${createHash('sha256').update(content).digest('hex').slice(0, 12)}.${extension}`;
  writeFileSync(join(out, file), content);
  writeFileSync(join(out, `${file}.gz`), gzipSync(content, { level: 9 }));
  writeFileSync(join(out, `${file}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  return file;
}

if (require.main === module) {
  const started = Date.now();
  buildAssets().then(
    (manifest) => {
      const root = repositoryRoot();
      console.log(
        `web assets built in ${Date.now() - started} ms into ${relative(root, dirname(join(assetsFolder(root), 'x')))}: ${Object.values(manifest).join(', ')}`,
      );
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
