/// <reference lib="dom" />
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import { created, fromToday } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describeInBrowser('standing panels in a browser', () => {
  let world: CouncilBrowserWorld;
  let manager: Page;
  /** A youth justice plan beside the council's improvement plan, with one action submitted for sign-off. */
  const youthJustice = { planId: '', actionId: '' };
  let panelPath = '';

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    const { manager: api, owner } = world.people;
    youthJustice.planId = (
      await created(
        api.post('/plans', { kind: 'youth justice plan', title: 'Youth Justice Plan 2023/24', source: { body: 'YJB', date: '2023-04' } }),
      )
    ).body.id;
    const groupingId = (
      await created(api.post(`/plans/${youthJustice.planId}/groupings`, { kind: 'priority', references: ['4'], title: 'Prevention' }))
    ).body.createdId;
    await created(
      api.post(`/plans/${youthJustice.planId}/activation`, { submittedTo: 'YJS Management Board', submittedOn: fromToday(-30) }),
    );
    youthJustice.actionId = (
      await created(
        api.post(`/plans/${youthJustice.planId}/actions`, {
          groupingId,
          references: ['YJS AP 4.1'],
          description: 'Launch the prevention offer',
          targetDate: 'Mar-27',
          leadOwners: [{ kind: 'person', name: 'Owen Hughes', userId: owner.userId }],
        }),
      )
    ).body.id;
    const evidenceId = (
      await created(
        owner.post(`/actions/${youthJustice.actionId}/evidence`, {
          title: 'Launch report',
          kind: 'report',
          link: 'https://council.example/yjs',
        }),
      )
    ).body.createdId;
    await created(owner.post(`/actions/${youthJustice.actionId}/submission`, { evidenceIds: [evidenceId] }));
    manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'standing-manager');
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('lets the plan manager establish a standing panel serving two plans, naming what is missing first', async () => {
    await manager.goto('/app/standing-panels/new');
    await manager.getByRole('button', { name: 'Establish panel' }).click();
    await checkPage(manager, 'standing-panel-errors');
    await expect(text(manager, '.govuk-error-summary')).resolves.toContain('Select the plans the panel serves');

    await manager.getByLabel('Name').fill("Children's services evidence challenge panel");
    await manager.getByLabel('Terms of reference').fill('Challenges the evidence for actions of the plans it serves.');
    await manager.getByLabel('Chair', { exact: true }).selectOption({ label: 'Suzanne Joyner' });
    await manager.getByLabel('Vice-chair (optional)').selectOption({ label: 'Ian Atkinson' });
    await manager.getByRole('group', { name: 'Other members' }).getByLabel('David McWilliams').check();
    await manager.getByLabel('Quorum').fill('3');
    await manager.getByRole('group', { name: 'Plans it serves' }).getByLabel("Children's Services Improvement Plan").check();
    await manager.getByRole('group', { name: 'Plans it serves' }).getByLabel('Youth Justice Plan 2023/24').check();
    await manager.getByRole('button', { name: 'Establish panel' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('Standing panel established');
    panelPath = new URL(manager.url()).pathname;
    const summary = await text(manager, '#standing-panel-summary');
    for (const shown of [
      'Suzanne Joyner (Chair)',
      'Ian Atkinson (Vice-chair)',
      'David McWilliams (Member)',
      '3 members present',
      'Youth Justice Plan 2023/24',
    ])
      expect(summary).toContain(shown);
  });

  it('schedules a meeting from the panel’s page whose agenda names each action’s plan', async () => {
    const [year, month, day] = fromToday(0).split('-');
    await manager.goto(panelPath);
    await manager.getByLabel('Title').fill('Evidence challenge panel, across plans');
    await manager.getByLabel('Day').fill(day);
    await manager.getByLabel('Month').fill(month);
    await manager.getByLabel('Year').fill(year);
    await manager.getByRole('button', { name: 'Schedule meeting' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('Meeting scheduled');
    await expect(text(manager, '#meeting-summary')).resolves.toContain("Children's services evidence challenge panel");

    for (const label of [/^Youth Justice Plan 2023\/24: YJS AP 4\.1/, /^Children's Services Improvement Plan: 2\.1/]) {
      await manager.getByLabel('Action submitted for sign-off').selectOption({ label: await optionMatching(manager, label) });
      await manager.getByRole('button', { name: 'Table action' }).click();
    }
    await checkPage(manager, 'standing-panel-meeting');
    await expect(text(manager, '#item-1')).resolves.toContain('Youth Justice Plan 2023/24');
    await expect(text(manager, '#item-2')).resolves.toContain("Children's Services Improvement Plan");
  });

  it('lists the panel with its plans, and its page links its meetings', async () => {
    await manager.goto('/app/standing-panels');
    await checkPage(manager, 'standing-panels-list');
    await expect(text(manager, '#standing-panels')).resolves.toContain("Children's Services Improvement Plan, Youth Justice Plan 2023/24");
    await manager.getByRole('link', { name: "Children's services evidence challenge panel" }).click();
    await checkPage(manager, 'standing-panel-page');
    await expect(text(manager, '#standing-panel-meetings')).resolves.toContain('Evidence challenge panel, across plans');
  });

  it('amends the quorum from the panel’s page, asking for a reason, and its history shows who changed what and why', async () => {
    await manager.goto(panelPath);
    await manager.getByRole('link', { name: 'Change the quorum' }).click();
    await manager.getByLabel('Quorum').fill('2');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    await expect(text(manager, '.govuk-error-summary')).resolves.toContain('Enter the reason for the change');
    await manager.getByLabel('Reason for the change').fill('Terms of reference reviewed at the annual meeting');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The panel’s details have been changed');
    await expect(text(manager, '#standing-panel-summary')).resolves.toContain('2 members present');
    await checkPage(manager, 'standing-panel-history');
    const latest = await text(manager, '#standing-panel-history tbody tr:first-child');
    for (const shown of ['Quorum changed to 2', 'Terms of reference reviewed at the annual meeting', 'Priya Patel'])
      expect(latest).toContain(shown);
  });

  it('changes the members and roles, showing the refusal of a panel too small for its quorum beside the members', async () => {
    await manager.goto(`${panelPath}/members`);
    await manager.getByLabel('Vice-chair (optional)').selectOption({ label: 'None' });
    await manager.getByRole('group', { name: 'Other members' }).getByLabel('David McWilliams').uncheck();
    await manager.getByLabel('Reason for the change').fill('Ian Atkinson and David McWilliams stood down');
    await manager.getByRole('button', { name: 'Save members' }).click();
    await checkPage(manager, 'standing-panel-members-refused');
    await expect(text(manager, '.govuk-error-summary')).resolves.toContain('The panel’s quorum is 2: keep at least 2 members');
    await expect(manager.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#members');

    await manager.getByRole('group', { name: 'Other members' }).getByLabel('David McWilliams').check();
    await manager.getByRole('button', { name: 'Save members' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The panel’s members have been changed');
    await expect(text(manager, '#standing-panel-summary')).resolves.not.toContain('Ian Atkinson');
    await expect(text(manager, '#standing-panel-history tbody tr:first-child')).resolves.toContain(
      'Members changed to Suzanne Joyner (chair), David McWilliams (member)',
    );
  });
});

/** The text of the one option of the page's agenda select matching `pattern`. */
async function optionMatching(page: Page, pattern: RegExp): Promise<string> {
  const options = await page.getByLabel('Action submitted for sign-off').locator('option').allInnerTexts();
  const found = options.find((option) => pattern.test(option.trim()));
  if (!found) throw new Error(`no option matching ${pattern} among ${options.join(' | ')}`);
  return found.trim();
}
