/// <reference lib="dom" />
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import { created, eventually } from '@actionplans/testing';
import type { Page } from 'playwright-core';

describeInBrowser('a committee pack in a browser', () => {
  let world: CouncilBrowserWorld;
  let manager: Page;
  let packUrl = '';

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'pack-manager');
    packUrl = `/app/plans/${world.plan.planId}/pack`;
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('is reached from the plan page, and its HTML has no accessibility violation', async () => {
    await manager.goto(`/app/plans/${world.plan.planId}`);
    await manager.getByRole('link', { name: 'Committee pack' }).click();
    await checkPage(manager, 'pack-form');
    const html = await manager.request.get(`/plans/${world.plan.planId}/pack?basis=rating&title=Board%20report`, {
      headers: { accept: 'text/html', authorization: `Bearer ${world.people.board.token}` },
    });
    expect(html.status()).toBe(200);
    const document = await world.newPage();
    await document.setContent(await html.text());
    await checkPage(document, 'pack-document');
    await expect(document.locator('svg[role="img"] title').textContent()).resolves.toBe('Actions in each category on each day');
    await expect(document.locator('h2#summary').textContent()).resolves.toBe('Quantitative summary');
  });

  it('prints the pack to a PDF with pages', async () => {
    const pdf = await manager.request.get(`/plans/${world.plan.planId}/pack.pdf`, {
      headers: { authorization: `Bearer ${world.people.board.token}` },
    });
    const bytes = await pdf.body();
    expect([pdf.status(), pdf.headers()['content-type'], bytes.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    expect(bytes.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('lets the plan manager issue the pack to a board, lists it, and opens the issued copy', async () => {
    await manager.goto(packUrl);
    await manager.getByLabel('Title').fill('Improvement plan: progress report');
    await manager.getByLabel('Purpose of the report').fill('To update the board on the plan');
    await manager.getByLabel('Recommendations').fill('That the board note the progress');
    await manager.getByRole('button', { name: 'Issue the pack to the meeting' }).click();
    await expect(manager.locator('.govuk-error-summary').innerText()).resolves.toContain(
      'Choose the panel meeting, or enter the board or committee the pack is for',
    );
    await manager.getByLabel('Board or committee').fill("Children's Services Improvement Board");
    const day = new Date(Date.now() + 7 * 86_400_000);
    await manager.locator('#meetingDate-day').fill(String(day.getUTCDate()));
    await manager.locator('#meetingDate-month').fill(String(day.getUTCMonth() + 1));
    await manager.locator('#meetingDate-year').fill(String(day.getUTCFullYear()));
    await manager.getByRole('button', { name: 'Issue the pack to the meeting' }).click();
    await expect(manager.locator('.govuk-notification-banner').innerText()).resolves.toContain('Pack issued and recorded');
    await checkPage(manager, 'pack-issued');
    const hash = await manager.locator('code.app-hash').first().innerText();
    const [opened] = await Promise.all([manager.waitForEvent('response'), manager.locator('a[href^="/app/packs/"]').first().click()]);
    expect(opened.headers()['content-type']).toContain('text/html');
    await expect(manager.locator('footer').innerText()).resolves.toContain(hash);
    await expect(manager.locator('h1').innerText()).resolves.toBe('Improvement plan: progress report');
  });

  it('lets the plan manager ask for the pack before each board date, and lists the pack the engine made and emailed', async () => {
    const inFive = new Date(Date.now() + 5 * 86_400_000);
    const boardDay = inFive.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    await manager.goto(`/app/plans/${world.plan.planId}/settings`);
    await manager.getByLabel('Board and committee dates (optional)').fill(boardDay);
    await manager.getByLabel('Days before each board date to send the pack (optional)').fill('7');
    await manager.getByLabel('Why the settings change').fill('The board wants its pack a week ahead');
    await manager.getByRole('button', { name: 'Save settings' }).click();
    await expect(manager.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter the board or committee the pack is for');
    await manager.getByLabel('The board or committee the pack is for').fill("Children's Services Improvement Board");
    await manager.getByRole('button', { name: 'Save settings' }).click();
    await expect(manager.locator('main').innerText()).resolves.toContain(
      "Made and emailed to the plan’s managers 7 days before each board date, for the Children's Services Improvement Board",
    );

    await manager.goto(packUrl);
    await expect(manager.locator('#pack-schedule').innerText()).resolves.toContain(`The next board date is ${boardDay}.`);
    // The engine looks over board dates every few seconds: the pack for the board in five days is owed now.
    const scheduled = manager.locator('#issued ~ div tbody tr', { hasText: 'Made on the plan’s schedule and emailed' });
    await eventually(
      'the scheduled pack listed as emailed',
      async () => {
        await manager.goto(packUrl);
        return (await scheduled.count()) === 1;
      },
      60_000,
    );
    const row = await scheduled.innerText();
    expect(row).toContain(`Made on the plan’s schedule and emailed with its PDF to`);
    expect(row).toContain(boardDay);
    await checkPage(manager, 'pack-scheduled');
  });

  it("gives a meeting's panel pack: its agenda, each action's evidence with hashes (restricted items withheld from a reader who may not see them) and earlier challenge points with the owner's answers", async () => {
    const { owner, chair } = world.people;
    const actionId = world.plan.actions['1.4'];
    const file = (await created(owner.upload('/files', Buffer.from('Case file sample: child K, threshold decision')))).body
      .sha256 as string;
    await created(
      owner.post(`/actions/${actionId}/evidence`, {
        title: 'Case file sample of child K',
        kind: 'case study',
        restricted: true,
        file: { sha256: file, name: 'child-k.pdf' },
      }),
    );
    const evidenceIds = ((await owner.get(`/actions/${actionId}`)).body.evidence as Array<{ evidenceId: string }>).map(
      (item) => item.evidenceId,
    );
    const point = 'Show who attended and what changed in threshold decisions';
    await created(
      owner.post(`/actions/${actionId}/submission`, {
        evidenceIds,
        answers: [{ challengePoint: point, answer: 'Attendance register and a case file sample attached' }],
      }),
    );
    await created(chair.post(`/panels/${world.plan.upcomingPanelId}/agenda`, { actionId }));

    const viewer = await world.newPage();
    await world.signIn(viewer, world.emails.board, 'panel-pack-board');
    await viewer.goto(`/app/panels/${world.plan.upcomingPanelId}`);
    await viewer.locator('#panel-pack-link').click();
    await checkPage(viewer, 'panel-pack');
    const shown = await viewer.locator('main').innerText();
    expect(shown).toContain('Agenda');
    expect(shown).toContain('Restricted evidence (restricted: withheld from you)');
    expect(shown).not.toContain('child K');
    expect(shown).toContain(file);
    expect(shown).toContain(point);
    expect(shown).toContain('Attendance register and a case file sample attached');

    const member = await world.newPage();
    await world.signIn(member, world.emails.chair, 'panel-pack-chair');
    await member.goto(`/app/panels/${world.plan.upcomingPanelId}/pack`);
    await expect(member.locator('main').innerText()).resolves.toContain('Case file sample of child K');
    const pdf = await member.request.get(`/app/panels/${world.plan.upcomingPanelId}/pack/pdf`);
    expect([pdf.status(), pdf.headers()['content-type'], (await pdf.body()).subarray(0, 5).toString()]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);
  });
});
