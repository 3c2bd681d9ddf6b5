import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Logical name (`application.css`) → the file it was built as (`application-3f2a…css`). */
export type AssetManifest = Record<string, string>;

export const ASSET_MANIFEST = 'asset-manifest.json';

/**
 * The checkout (or installed package) the code runs from: the nearest folder above this file
 * with a package.json. From the source (Jest) and from `dist` (`npm start`) alike.
 */
export function repositoryRoot(from = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return folder;
}

/** Where the built styles and scripts are. */
export const assetsFolder = (root = repositoryRoot()) => join(root, 'dist', 'web-assets');
