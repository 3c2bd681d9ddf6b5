import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** What Chromium asks for: gzip listed first, so a server that answers in the browser's order sends gzip. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

interface Fetched {
  status: number;
  /** Every byte the response took on the wire: status line, headers and the body as sent (compressed, chunked). */
  wire: number;
  body: Buffer;
}

/** One GET on a connection of its own, so the socket's byte count is this response's alone. */
function get(url: URL, cookie: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false, headers: { cookie, 'accept-encoding': BROWSER_ENCODINGS } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const sent = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const body = encoding === 'br' ? brotliDecompressSync(sent) : encoding === 'gzip' ? gunzipSync(sent) : sent;
        resolve({ status: response.statusCode ?? 0, wire: response.socket.bytesRead, body });
      });
    })
      .on('error', reject)
      .end();
  });
}

/** The stylesheets and scripts a page makes the browser fetch: linked, loaded, or imported by an inline module. */
function stylesAndScripts(html: string): string[] {
  const stylesheets = [...html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => /\brel="stylesheet"/.test(tag))
    .map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1]);
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]);
  const imported = [...html.matchAll(/\bimport\b[^;]*?\bfrom\s*"([^"]+)"/g)].map((match) => match[1]);
  return [...new Set([...stylesheets, ...scripts, ...imported].filter((path): path is string => Boolean(path)))];
}

/**
 * A page's first load as a browser with an empty cache gets it: the HTML, then every stylesheet and
 * script it names, each once, in kB (1,000 bytes) on the wire. Fonts and images are left aside (the
 * pages use Arial, and GOV.UK's images are fetched only where they are shown). Answers the HTML too,
 * for the caller to check it is the page meant.
 */
export async function firstLoad(url: string, cookie: string, path: string): Promise<{ kB: number; html: string }> {
  const page = await get(new URL(path, url), cookie);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const html = page.body.toString('utf8');
  const named = stylesAndScripts(html);
  if (!named.some((asset) => asset.endsWith('.css')) || !named.some((asset) => asset.endsWith('.js')))
    throw new Error(`${path} names no stylesheet or no script (${named.join(', ')}): the count would leave them out`);
  const assets = await Promise.all(
    named.map(async (asset) => {
      const fetched = await get(new URL(asset, url), cookie);
      if (fetched.status !== 200) throw new Error(`${asset}, named by ${path}, answered ${fetched.status}`);
      return fetched.wire;
    }),
  );
  const bytes = assets.reduce((sum, wire) => sum + wire, page.wire);
  return { kB: Number((bytes / 1000).toFixed(1)), html };
}
