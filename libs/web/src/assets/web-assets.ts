import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { ASSET_MANIFEST, assetsFolder, type AssetManifest } from './asset-files';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Asset {
  type: string;
  body: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
  /** Hashed names never change content, so they are cached for a year; the rest for a day. */
  immutable: boolean;
}

/** The URL path every asset is served under. */
export const ASSETS_PATH = '/assets';

/**
 * The built styles and scripts (see build-assets.ts), held in memory (a few hundred KB) and
 * served with their precompressed forms. Only the files built are served: a path names an entry,
 * never a place on disk.
 */
export class WebAssets {
  private readonly files = new Map<string, Asset>();
  readonly manifest: AssetManifest;

  constructor(folder = assetsFolder()) {
    const manifestFile = join(folder, ASSET_MANIFEST);
    if (!existsSync(manifestFile))
      throw new Error(`${manifestFile} is missing: run \`npm run build\` (npm start and npm test do it first)`);
    this.manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as AssetManifest;
    for (const file of Object.values(this.manifest)) this.files.set(`/${file}`, this.read(folder, file, true));
    this.files.set('/manifest.json', this.read(folder, 'manifest.json', false));
    for (const image of readdirSync(join(folder, 'images')))
      this.files.set(`/images/${image}`, this.read(folder, join('images', image), false));
  }

  /** The URL of an asset by its logical name (`application.css`). */
  url(name: string): string {
    const file = this.manifest[name];
    if (!file) throw new Error(`no asset named ${name}; the built ones are ${Object.keys(this.manifest).join(', ')}`);
    return `${ASSETS_PATH}/${file}`;
  }

  /** Express middleware for `/assets`: unknown paths fall through (to the 404 answer). */
  readonly serve = (request: Request, response: Response, next: NextFunction): void => {
    const asset = request.method === 'GET' || request.method === 'HEAD' ? this.files.get(request.path) : undefined;
    if (!asset) return next();
    const encoding = asset.brotli && request.acceptsEncodings('br') ? 'br' : asset.gzip && request.acceptsEncodings('gzip') ? 'gzip' : null;
    response.setHeader('Content-Type', asset.type);
    response.setHeader('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=86400');
    response.setHeader('Vary', 'Accept-Encoding');
    if (encoding) response.setHeader('Content-Encoding', encoding);
    response.end(encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body);
  };

  private read(folder: string, file: string, immutable: boolean): Asset {
    const path = join(folder, file);
    const compressed = (suffix: string) => (existsSync(`${path}${suffix}`) ? readFileSync(`${path}${suffix}`) : undefined);
    return {
      type: TYPES[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(path),
      gzip: compressed('.gz'),
      brotli: compressed('.br'),
      immutable,
    };
  }
}
