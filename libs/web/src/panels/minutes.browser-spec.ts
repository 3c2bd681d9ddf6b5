/// <reference lib="dom" />
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import { created } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describeInBrowser('a meeting’s minutes in a browser', () => {
  let world: CouncilBrowserWorld;
  let chair: Page;
  let minutesUrl = '';

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    chair = await world.newPage();
    await world.signIn(chair, world.emails.chair, 'minutes-chair');
    minutesUrl = `/app/panels/${world.plan.pastPanelId}/minutes`;
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('lets the chair minute the meeting: a guest, a progress report with notes, and a declaration; no apologies from who decided', async () => {
    await chair.goto(`/app/panels/${world.plan.pastPanelId}`);
    await chair.locator('#minutes-link').click();
    // David McWilliams was present for the meeting's decisions: the minutes cannot say he sent apologies.
    await chair.getByRole('group', { name: 'Present', exact: true }).getByLabel('David McWilliams').uncheck();
    await chair.getByRole('group', { name: 'Apologies' }).getByLabel('David McWilliams').check();
    await chair.getByRole('button', { name: 'Record attendance' }).click();
    await expect(text(chair, '.govuk-error-summary')).resolves.toContain(
      'A member recorded present at this meeting’s decisions attended it, so cannot be recorded as sending apologies',
    );
    await chair.getByRole('group', { name: 'Present', exact: true }).getByLabel('David McWilliams').check();
    await chair.getByRole('group', { name: 'Apologies' }).getByLabel('David McWilliams').uncheck();
    await chair.getByLabel('Guest 1 name').fill('Sam Patel');
    await chair.getByLabel('Guest 1 role or organisation').fill('Head of Service, Remedi');
    await chair.getByRole('button', { name: 'Record attendance' }).click();
    await chair.getByLabel('Progress report').check();
    await chair.getByLabel('Title').fill('Improvement plan progress report');
    await chair.getByRole('button', { name: 'Add item' }).click();
    await chair.locator('#notes-3').fill('The board noted 2 of 6 actions complete.');
    await chair.getByRole('button', { name: 'Save notes on item 3' }).click();
    await chair.locator('#memberId').selectOption({ label: 'Ian Atkinson' });
    await chair.locator('#declarationItemId').selectOption({ label: '3. Improvement plan progress report' });
    await chair.locator('#reason').fill('Chairs the board the report goes to');
    await chair.getByRole('button', { name: 'Record declaration' }).click();
    await checkPage(chair, 'minutes-draft');
    await expect(text(chair, '#minutes-status')).resolves.toContain('Draft minutes: not yet approved as a correct record.');
    await expect(text(chair, '#minutes-apologies')).resolves.toBe('None');
    await expect(text(chair, '#minutes-guests')).resolves.toBe('Sam Patel (Head of Service, Remedi)');
    await expect(text(chair, '#minutes-declarations')).resolves.toContain(
      'Ian Atkinson, item 3 (Improvement plan progress report): Chairs the board the report goes to.',
    );
    await expect(text(chair, 'main')).resolves.toContain('The board noted 2 of 6 actions complete.');
  });

  it('lets the chair approve an earlier meeting’s minutes as a correct record at this one', async () => {
    const { manager, chair: chairClient, member, member2 } = world.people;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const meeting = {
      planId: world.plan.planId,
      title: 'Evidence Challenge Panel',
      date: yesterday,
      chair: chairClient.userId,
      members: [member.userId, member2.userId],
    };
    const earlier = (await created(manager.post('/panels', meeting))).body.id as string;
    // Minutes that do not say who was present are no record: they are not approved.
    await created(manager.post(`/panels/${earlier}/attendance`, { present: [chairClient.userId, member.userId] }));
    await chair.goto(minutesUrl);
    await chair.locator('#minutesOf').selectOption(earlier);
    await chair.locator('#proposedBy').selectOption({ label: 'Ian Atkinson' });
    await chair.getByRole('button', { name: 'Approve as a correct record' }).click();
    await expect(text(chair, '.govuk-notification-banner')).resolves.toContain('Minutes approved as a correct record');
    await chair.goto(`/app/panels/${earlier}/minutes`);
    await checkPage(chair, 'minutes-approved');
    await expect(text(chair, '#minutes-status')).resolves.toMatch(
      /Approved\s+Approved as a correct record at the meeting of \d{1,2} \w+ \d{4}, proposed by Ian Atkinson\./,
    );
  });

  it('gives the minutes as an HTML document and as a PDF printed from it', async () => {
    const html = await chair.request.get(`${minutesUrl}/document`);
    expect([html.status(), html.headers()['content-type'], html.headers()['content-disposition']]).toEqual([
      200,
      'text/html; charset=utf-8',
      expect.stringMatching(/^attachment; filename="minutes-evidence-challenge-panel-.+\.html"$/),
    ]);
    const documentHtml = await html.text();
    expect(documentHtml).toContain('Signed off');
    const document = await world.newPage();
    await document.setContent(documentHtml);
    await checkPage(document, 'minutes-document');
    const pdf = await chair.request.get(`${minutesUrl}/pdf`);
    const bytes = await pdf.body();
    expect([pdf.status(), pdf.headers()['content-type'], bytes.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
  });
});
