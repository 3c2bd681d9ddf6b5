import { client, runBuilt, startBuiltApi, tempDir, type Client } from '@actionplans/testing';

export { client, created, type Client, type Reply } from '@actionplans/testing';

/**
 * The built all-in-one app on a fresh data folder, with an admin added by `actionplans users add`
 * (as an operator would) and `people` added by that admin over HTTP.
 */
export async function startWorld<Name extends string>(
  label: string,
  people: Record<Name, { name: string; role: string; email?: string }>,
  env: Record<string, string> = {},
) {
  const dir = tempDir(label);
  const added = runBuilt('cli', ['users', 'add', '--name', 'Ada Admin', '--role', 'admin'], { DATA_DIR: dir.path, ...env });
  const adminToken = /token \(shown once, keep it safe\): (\S+)/.exec(added.stdout)?.[1];
  if (added.code !== 0 || !adminToken) throw new Error(`actionplans users add failed: ${added.stderr}${added.stdout}`);
  let api = await startBuiltApi({ DATA_DIR: dir.path, ...env });
  const admin = client(api.url, adminToken);
  const users = {} as Record<Name, Client>;
  for (const [key, person] of Object.entries(people) as Array<[Name, { name: string; role: string; email?: string }]>) {
    const reply = await admin.post('/users', person);
    if (reply.status !== 201) throw new Error(`adding ${person.name} failed: ${JSON.stringify(reply.body)}`);
    users[key] = client(api.url, reply.body.token, reply.body.userId);
  }
  return {
    url: api.url,
    dir: dir.path,
    admin,
    users,
    anonymous: client(api.url, null),
    /** Kills the app with SIGKILL, as `kill -9` or a crash would: no shutdown hooks run. */
    kill: () =>
      new Promise<void>((done) => {
        api.process.once('exit', () => done());
        api.process.kill('SIGKILL');
      }),
    /** Starts the app again on the same data; it keeps its address if `env` fixed the PORT. */
    async restart() {
      api = await startBuiltApi({ DATA_DIR: dir.path, ...env });
    },
    /** Stops the app as an operator would (SIGTERM), keeping its data. */
    halt: () => api.stop(),
    async stop() {
      await api.stop();
      dir.remove();
    },
  };
}
