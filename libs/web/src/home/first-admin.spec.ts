import { firstAdminCommand } from './first-admin';

const plain = 'npm run cli -- users add --name "Your Name" --email you@example.gov.uk --role admin';

describe('the command a fresh install prints for its first administrator', () => {
  it('is the plain command when the app runs on the defaults', () => {
    expect(firstAdminCommand({ dataDir: '/srv/app/data', publicUrl: 'http://localhost:3000', storeSettings: [], cwd: '/srv/app' })).toEqual(
      {
        command: plain,
        alsoSet: [],
      },
    );
  });

  it("carries the app's own data folder and address, so the user lands in its store and the link reaches it", () => {
    const { command } = firstAdminCommand({
      dataDir: '/tmp/trial data',
      publicUrl: 'http://localhost:3100',
      storeSettings: [],
      cwd: '/srv/app',
    });
    expect(command).toBe(`DATA_DIR='/tmp/trial data' PUBLIC_URL=http://localhost:3100 ${plain}`);
    expect(
      firstAdminCommand({ dataDir: '/srv/app/var', publicUrl: 'https://plans.council.gov.uk', storeSettings: [], cwd: '/srv/app' }).command,
    ).toBe(`DATA_DIR=var PUBLIC_URL=https://plans.council.gov.uk ${plain}`);
  });

  it('names, without printing, the store settings the command must share', () => {
    expect(
      firstAdminCommand({ dataDir: '/srv/app/data', publicUrl: 'http://localhost:3000', storeSettings: ['DATABASE_URL'], cwd: '/srv/app' })
        .alsoSet,
    ).toEqual(['DATABASE_URL']);
  });
});
