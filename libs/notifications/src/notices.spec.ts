import type { RecordedEvent } from '@actionplans/event-store';
import { slackMessage, teamsMessage } from './messages';
import { NOTICE_RULES, type Notice, type NoticeSubject } from './notices';

const subject: NoticeSubject = {
  planId: 'p-wsoa',
  planTitle: 'SEND Written Statement of Action',
  action: { actionId: 'a-1', planId: 'p-wsoa', references: ['1.1.1'], description: 'Publish the local offer' },
  publicUrl: 'https://actionplans.council.example',
};
const event = (type: string, data: object): RecordedEvent => ({
  id: 'e1',
  stream: 'action-a-1',
  version: 5,
  position: 42,
  type,
  data,
  metadata: {
    actor: { id: 'u', role: 'plan manager' },
    occurredAt: '2023-05-10T00:00:00.000Z',
    recordedAt: '2023-05-11T09:00:00.000Z',
    correlationId: 'c',
    causationId: null,
    hash: 'h',
    prevHash: null,
  },
});

describe('what each event tells a channel', () => {
  it('tells of a panel outcome only when it signed the action off', () => {
    const rule = NOTICE_RULES.PanelOutcomeRecorded;
    const outcome = (kind: string) =>
      rule.message(
        event('PanelOutcomeRecorded', { panelId: 'm', decisionId: 'd', outcome: kind, rationale: 'Impact shown.', challengePoints: [] }),
        subject,
      );
    expect(outcome('signed off')).toMatchObject({
      title: 'Signed off: 1.1.1: Publish the local offer',
      link: 'https://actionplans.council.example/app/actions/a-1',
    });
    expect(outcome('more evidence required')).toBeNull();
    expect(outcome('deferred')).toBeNull();
  });

  it("tells of a delegated body's sign-off with its body, authority and meeting day", () => {
    const told = NOTICE_RULES.SignedOffByDelegatedBody.message(
      event('SignedOffByDelegatedBody', {
        body: 'SEND Improvement Board',
        meetingDate: '2023-05-10',
        authority: 'minute 6',
        rationale: 'Evidence seen.',
        evidenceConsidered: [],
      }),
      subject,
    );
    expect(told?.summary).toBe('SEND Improvement Board signed this action off (minute 6). Evidence seen.');
    expect(told?.facts).toContainEqual({ name: 'Decided', value: '2023-05-10' });
  });

  it('answers every sign-off to the sign-off trigger, each an action event, and an issued pack to its own, a plan event', () => {
    expect(Object.entries(NOTICE_RULES).map(([type, rule]) => [type, rule.trigger, rule.about])).toEqual([
      ['PanelOutcomeRecorded', 'sign-off', 'action'],
      ['SignedOffByDelegatedBody', 'sign-off', 'action'],
      ['SignOffRecordedFromPaper', 'sign-off', 'action'],
      ['PackIssued', 'pack issued', 'plan'],
    ]);
  });

  it('tells of a pack issued to a board with the hash a copy is checked against, and links to it', () => {
    const inputs = {
      asAt: '2023-05-10',
      basis: 'rating',
      compareWith: null,
      exceptionsOnly: false,
      cover: { title: 'SEND WSOA: progress', purpose: 'To update the board', recommendations: ['That the board note the progress'] },
      meeting: { name: 'SEND Improvement Board', date: '2023-05-17' },
      upTo: 40,
    };
    const hash = 'a'.repeat(64);
    const issued = event('PackIssued', {
      packId: 'pk-1',
      planId: 'p-wsoa',
      inputs,
      hash,
      meeting: { panelId: null, board: 'SEND Improvement Board', date: '2023-05-17' },
    });
    const told = NOTICE_RULES.PackIssued.message({ ...issued, stream: 'packs-p-wsoa' }, { ...subject, action: null });
    expect(told).toEqual({
      title: 'Pack issued: SEND WSOA: progress',
      summary: `The committee pack of SEND Written Statement of Action as at 2023-05-10 was issued to SEND Improvement Board on 2023-05-17. Its SHA-256 is ${hash}: a copy is checked against it.`,
      facts: [
        { name: 'Plan', value: 'SEND Written Statement of Action' },
        { name: 'As at', value: '2023-05-10' },
        { name: 'Meeting', value: 'SEND Improvement Board, 2023-05-17' },
      ],
      link: 'https://actionplans.council.example/app/packs/pk-1',
    });
  });
});

describe("a notice in Teams' and Slack's shapes", () => {
  const notice: Notice = {
    trigger: 'overdue',
    type: 'ActionBecameOverdue',
    planId: 'p',
    title: 'Overdue: 2.3 <Early help> & triage',
    summary: 'Passed its target date of 2023-03-31 & is not signed off.',
    facts: [{ name: 'Target date', value: '2023-03-31' }],
    link: 'https://actionplans.council.example/app/actions/a',
  };

  it('puts the Adaptive Card in a message envelope, never bare', () => {
    const message = teamsMessage(notice) as { type: string; attachments: Array<{ contentType: string; content: { type: string } }> };
    expect(message.type).toBe('message');
    expect(message.attachments.map((one) => [one.contentType, one.content.type])).toEqual([
      ['application/vnd.microsoft.card.adaptive', 'AdaptiveCard'],
    ]);
  });

  it("escapes Slack's markup characters in blocks and keeps a plain text fallback", () => {
    const message = slackMessage(notice) as { text: string; blocks: Array<{ text?: { text: string } }> };
    expect(message.text).toBe('Overdue: 2.3 <Early help> & triage: Passed its target date of 2023-03-31 & is not signed off.');
    expect(message.blocks[1].text?.text).toBe('Passed its target date of 2023-03-31 &amp; is not signed off.');
  });
});
