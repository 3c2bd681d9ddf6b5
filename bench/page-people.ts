import { runBuilt } from '@actionplans/testing';

/** Someone added with the built CLI: their user id and the path of the one-time sign-in link it printed. */
export interface AddedPerson {
  userId: string;
  linkPath: string;
}

/** Adds a person with the built CLI, as an operator would, beside the running app. */
export function addPerson(dataDir: string, name: string, role: string, email: string): AddedPerson {
  const added = runBuilt('cli', ['users', 'add', '--name', name, '--role', role, '--email', email], { DATA_DIR: dataDir });
  const userId = / as user (\S+)/.exec(added.stdout)?.[1];
  const link = /sign in in a browser[^:]*: (\S+)/.exec(added.stdout)?.[1];
  if (added.code !== 0 || !userId || !link) throw new Error(`actionplans users add failed: ${added.stderr}${added.stdout}`);
  return { userId, linkPath: new URL(link).pathname };
}

const cookieOf = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

/** Signs in as a browser does: opens the link (its Continue form begins a session with a CSRF token), then presses Continue. */
export async function signIn(url: string, linkPath: string): Promise<string> {
  const page = await fetch(`${url}${linkPath}`);
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf || !token) throw new Error(`the sign-in link's page has no Continue form (${page.status})`);
  const signedIn = await fetch(`${url}/sign-in/link`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieOf(page), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, token }).toString(),
  });
  if (signedIn.status !== 303) throw new Error(`Continue answered ${signedIn.status}, not a redirect home`);
  return cookieOf(signedIn);
}
