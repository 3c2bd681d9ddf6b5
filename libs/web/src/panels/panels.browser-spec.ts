/// <reference lib="dom" />
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  startCouncilBrowserWorld,
  type CouncilBrowserWorld,
  tabToElement,
} from '@actionplans/testing/browser';
import { created, fromToday } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describeInBrowser('a panel’s meetings in a browser', () => {
  let world: CouncilBrowserWorld;
  let chair: Page;
  /** The meeting the plan manager schedules for today. */
  let panelUrl = '';

  beforeAll(async () => {
    world = await startCouncilBrowserWorld({}, { oidc: true });
    chair = await world.newPage();
    // The chair signs in through the council's identity provider (the local issuer the SSO specs use); the others by emailed link.
    await world.signIn(chair, world.emails.chair, 'panels-chair', { via: 'oidc' });
    // Eight people added by the command line and a plan built through the API, on a shared machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('shows the chair the meetings, and today’s meeting with what it decided', async () => {
    await chair.getByRole('link', { name: 'Panels' }).click();
    await checkPage(chair, 'panels-list');
    await expect(chair.title()).resolves.toBe('Panel meetings – Action plans – Anytown Borough Council');
    await expect(text(chair, '#upcoming-meetings')).resolves.toContain("Children's Services Improvement Plan");
    await chair.locator(`a[href="/app/panels/${world.plan.pastPanelId}"]`).click();
    await checkPage(chair, 'panels-meeting-today');
    await expect(chair.title()).resolves.toMatch(/^Evidence Challenge Panel, \d{1,2} \w+ \d{4} – Children's Services Improvement Plan – /);
    await expect(text(chair, '#decision-1')).resolves.toContain('More evidence required');
    await expect(text(chair, '#decision-1')).resolves.toContain('Show who attended and what changed in threshold decisions');
    await expect(text(chair, '#decision-2')).resolves.toContain('Signed off');
    await expect(text(chair, '#item-2')).resolves.toContain('Appointment letter');
    await expect(text(chair, '#meeting-summary')).resolves.toContain('Ian Atkinson, David McWilliams, Suzanne Joyner');
  });

  it('fits the meeting page at 200% zoom and on a 320 px wide screen', async () => {
    await chair.goto(`/app/panels/${world.plan.pastPanelId}`);
    await checkReflow(chair, 'panels-meeting');
  });

  it('shows a member a meeting read-only where they may not decide, and says why', async () => {
    const member = await world.newPage();
    await world.signIn(member, world.emails.member, 'panels-member');
    await member.goto(`/app/panels/${world.plan.upcomingPanelId}`);
    await checkPage(member, 'panels-meeting-member');
    await expect(text(member, '#why-not-1')).resolves.toContain('Only a member recorded as present at the meeting can record its decision');
    await expect(member.getByRole('button', { name: /Record/ }).count()).resolves.toBe(0);
    await expect(text(member, '#standing-1')).resolves.toContain('Not met');
  });

  it('shows the engine’s refusal of a decision at a meeting still to come, in words', async () => {
    await chair.goto(`/app/panels/${world.plan.upcomingPanelId}`);
    for (const name of ['Suzanne Joyner', 'Ian Atkinson', 'David McWilliams']) await chair.getByLabel(name).check();
    await chair.getByRole('button', { name: 'Record attendance' }).click();
    await expect(text(chair, '#standing-1')).resolves.toContain('Met');
    await chair.locator('#item-1').getByLabel('Signed off').check();
    await chair.locator('#rationale-1').fill('The tracker shows every review on time');
    await chair.getByRole('button', { name: 'Record decision on 2.1' }).click();
    await checkPage(chair, 'panels-future-refused');
    const refusal = `The meeting is on ${britishDay(fromToday(14))}, in the future: record its decisions once it has met.`;
    await expect(text(chair, '.govuk-error-summary')).resolves.toContain(refusal);
    await expect(text(chair, '#outcome-1-error')).resolves.toContain(refusal);
    await expect(chair.locator('#rationale-1').inputValue()).resolves.toBe('The tracker shows every review on time');
  });

  it('lets the plan manager schedule a meeting for today, table actions and take attendance, with quorum and conflicts shown', async () => {
    const { owner, manager: planManager, member2 } = world.people;
    const action13 = `/actions/${world.plan.actions['1.3']}`;
    // David McWilliams sits on the panel and supports 1.3: he is named a member, but does not decide it.
    const leadOwners = (await planManager.get(action13)).body.leadOwners;
    const supportingOwners = [{ kind: 'person', name: 'David McWilliams', userId: member2.userId }];
    expect(
      (await planManager.put(`${action13}/owners`, { leadOwners, supportingOwners, reason: 'Early help lead supports it' })).status,
    ).toBe(200);
    const audit = (await created(owner.upload('/files', Buffer.from('Quarterly audit: 40 assessments, 31 good or better')))).body;
    await created(
      owner.post(`${action13}/evidence`, {
        title: 'Quarterly audit report',
        kind: 'audit',
        file: { sha256: audit.sha256, name: 'audit-q1.pdf' },
      }),
    );
    const cases = (await created(owner.upload('/files', Buffer.from('Case file sample: child A, child B')))).body;
    const restricted = {
      title: 'Case file sample',
      kind: 'case study',
      file: { sha256: cases.sha256, name: 'cases.pdf' },
      restricted: true,
    };
    await created(owner.post(`${action13}/evidence`, restricted));
    const evidenceIds = (await owner.get(action13)).body.evidence.map((item: { evidenceId: string }) => item.evidenceId);
    await created(owner.post(`${action13}/submission`, { evidenceIds }));

    const manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'panels-manager');
    await manager.goto('/app/panels');
    await manager.getByRole('button', { name: 'Schedule a meeting' }).click();
    await checkPage(manager, 'panels-schedule');
    await manager.getByRole('button', { name: 'Schedule meeting' }).click();
    await checkPage(manager, 'panels-schedule-errors');
    await expect(text(manager, '.govuk-error-summary')).resolves.toContain('Select the plan whose actions the meeting considers');

    const [year, month, day] = fromToday(0).split('-');
    await manager.getByLabel('Plan', { exact: true }).selectOption({ label: "Children's Services Improvement Plan" });
    await manager.getByLabel('Title').fill('Extraordinary Evidence Challenge Panel');
    await manager.getByLabel('Day').fill(day);
    await manager.getByLabel('Month').fill(month);
    await manager.getByLabel('Year').fill(year);
    await manager.getByLabel('Chair').selectOption({ label: 'Suzanne Joyner (panel member)' });
    // Only panel members are offered a seat: the action owner and the plan manager are not.
    await expect(manager.getByRole('group', { name: 'Members' }).getByLabel('Owen Hughes').count()).resolves.toBe(0);
    await expect(manager.getByRole('group', { name: 'Members' }).getByLabel('Priya Patel').count()).resolves.toBe(0);
    await manager.getByLabel('Ian Atkinson').check();
    await manager.getByLabel('David McWilliams').check();
    await manager.getByRole('button', { name: 'Schedule meeting' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('Meeting scheduled');
    panelUrl = new URL(manager.url()).pathname;

    for (const reference of ['2.1', '1.3']) {
      await manager.getByLabel('Action submitted for sign-off').selectOption({
        label:
          reference === '2.1' ? '2.1: Review every care plan within 20 working days' : '1.3: Audit 40 early help assessments each quarter',
      });
      await manager.getByRole('button', { name: 'Table action' }).click();
      await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('Action tabled');
    }
    for (const name of ['Suzanne Joyner', 'Ian Atkinson', 'David McWilliams']) await manager.getByLabel(name, { exact: true }).check();
    await manager.getByRole('button', { name: 'Record attendance' }).click();
    await checkPage(manager, 'panels-meeting-prepared');
    const standing = await text(manager, '#standing-1');
    expect(standing).toMatch(/Met\s+2 needed; 3 present and not conflicted: /);
    for (const name of ['Suzanne Joyner', 'Ian Atkinson', 'David McWilliams']) expect(standing).toContain(name);
    expect(standing).toContain('no member owns, leads or submitted this action');
    const conflicted = await text(manager, '#standing-2');
    expect(conflicted).toMatch(/Met\s+2 needed; 2 present and not conflicted: /);
    expect(conflicted).toContain('David McWilliams owns or leads this action, so does not decide it or count towards its quorum');
    // The plan manager does not decide, but may enter a decision from the minutes for a member who may take it (ADR 30).
    await expect(manager.locator('#decidedBy-2 option').allInnerTexts()).resolves.toEqual([
      'Choose a member',
      'Ian Atkinson',
      'Suzanne Joyner',
    ]);
    await expect(text(manager, '#meeting-summary')).resolves.toMatch(/Apologies\s+None/);
    // The plan manager neither owns 1.3 nor sits on a meeting it is tabled at: the case file is withheld, its hash is not.
    const evidence = await text(manager, '#item-2');
    expect(evidence).toMatch(new RegExp(`File: audit-q1\\.pdf\\s+SHA-256: ${audit.sha256}`));
    expect(evidence).toMatch(new RegExp(`Restricted evidence \\(case study\\)\\s+File: name withheld\\s+SHA-256: ${cases.sha256}`));
    expect(evidence).not.toContain('Case file sample');
  });

  it('lets the chair sign an action off by keyboard alone, and the action is complete', async () => {
    await chair.goto(panelUrl);
    await expect(text(chair, '#item-2')).resolves.toMatch(/Case file sample \(case study\)\s+File: cases\.pdf/);
    await checkPage(chair, 'panels-meeting-decide');
    await tabToElement(chair, '#outcome-1');
    await chair.keyboard.press('Space');
    await tabToElement(chair, '#rationale-1');
    await chair.keyboard.type('The tracker shows every care plan reviewed within 20 working days');
    await tabToElement(chair, '#record-1');
    await chair.keyboard.press('Enter');
    await chair.waitForURL(/done=decision/);
    await checkPage(chair, 'panels-signed-off');
    await expect(text(chair, '#stage-1')).resolves.toBe('Complete');
    await expect(text(chair, '#decision-1')).resolves.toContain('Signed off');
    const counted = /Counted towards quorum\s+(.+)/.exec(await text(chair, '#decision-1'))![1].split(', ');
    expect(counted.sort()).toEqual(['David McWilliams', 'Ian Atkinson', 'Suzanne Joyner']);
    expect((await world.people.manager.get(`/actions/${world.plan.actions['2.1']}`)).body.stage).toBe('complete');
  });

  it('sends an action back with challenge points, refusing it first without them', async () => {
    const item = chair.locator('#item-2');
    await item.getByLabel('More evidence required').check();
    await chair.locator('#rationale-2').fill('One quarter’s audit does not show the change has lasted');
    await chair.getByRole('button', { name: 'Record decision on 1.3' }).click();
    await checkPage(chair, 'panels-send-back-refused');
    await expect(text(chair, '#challengePoints-2-error')).resolves.toContain('Enter the challenge points the owner must answer');
    await chair.locator('#challengePoints-2').fill('Show two further quarters of audit results\nShow what changed for families');
    await chair.getByRole('button', { name: 'Record decision on 1.3' }).click();
    await checkPage(chair, 'panels-sent-back');
    await expect(text(chair, '#stage-2')).resolves.toBe('Open');
    await expect(text(chair, '#decision-2')).resolves.toContain('Show what changed for families');
    expect((await world.people.owner.get(`/actions/${world.plan.actions['1.3']}`)).body.openChallengePoints).toHaveLength(2);
  });

  it('defers a decision to the later meeting, which the decision links to', async () => {
    const { owner, chair: chairApi } = world.people;
    const action11 = `/actions/${world.plan.actions['1.1']}`;
    await created(
      owner.post(`${action11}/progress`, { commentary: 'The strategy is written.', assessment: 'on track', asOf: fromToday(0) }),
    );
    await created(
      owner.post(`${action11}/evidence`, { title: 'Signed strategy', kind: 'minutes', link: 'https://council.example/evidence/1.1' }),
    );
    const evidenceIds = (await owner.get(action11)).body.evidence.map((item: { evidenceId: string }) => item.evidenceId);
    await created(owner.post(`${action11}/submission`, { evidenceIds }));
    await created(chairApi.post(`${panelUrl.replace('/app', '')}/agenda`, { actionId: world.plan.actions['1.1'] }));
    await chair.goto(panelUrl);
    const item = chair.locator('#item-3');
    await item.getByRole('radio', { name: 'Deferred', exact: true }).check();
    await chair.locator('#deferredTo-3').selectOption(world.plan.upcomingPanelId);
    await chair.locator('#rationale-3').fill('The partners have not all signed yet');
    await chair.getByRole('button', { name: 'Record decision on 1.1' }).click();
    await chair.waitForURL(/done=decision/);
    await checkPage(chair, 'panels-deferred');
    await expect(text(chair, '#decision-3')).resolves.toContain('Deferred');
    await expect(chair.locator(`#decision-3 a[href="/app/panels/${world.plan.upcomingPanelId}"]`).count()).resolves.toBe(1);
    expect((await owner.get(action11)).body.stage).toBe('submitted');
  });
});

/** "2027-06-14" as "14 June 2027". */
const britishDay = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
