import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { overdueEpisode } from '../reminders/reminder-policy';
import { readTargetDate } from '../target-date';
import type { ChannelFacts, NotificationChannelCommand } from './notification-channel.commands';
import { notificationChannelDecider } from './notification-channel.decider';
import type { NotificationChannelEvent, SealedSecret } from './notification-channel.events';
import { maskedAddress } from './notification-channel.rules';

const now = '2026-03-02T09:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const owner: Actor = { userId: 'u-owner', role: 'action owner' };
const sealed = (n: number): SealedSecret => ({ keyId: 'k1', iv: `iv${n}`, tag: `tag${n}`, ciphertext: `ct${n}` });
const teamsUrl = 'https://prod-12.westeurope.logic.azure.com:443/workflows/5f1e/triggers/manual/paths/invoke?sig=Qx7abcd';
const facts: ChannelFacts = {
  planExists: true,
  allowHttpLoopback: false,
  sealedAddress: sealed(1),
  sealedSecret: sealed(2),
  sealingConfigured: true,
};
const addTeams: NotificationChannelCommand = {
  type: 'AddNotificationChannel',
  actor: manager,
  now,
  planId: 'p-wsoa',
  channelId: 'ch-teams',
  kind: 'teams',
  name: ' SEND partnership channel ',
  url: teamsUrl,
  triggers: ['overdue', 'sign-off', 'overdue'],
  facts,
};
const teamsAdded: NotificationChannelEvent = {
  type: 'NotificationChannelAdded',
  data: {
    channelId: 'ch-teams',
    planId: 'p-wsoa',
    kind: 'teams',
    name: 'SEND partnership channel',
    triggers: ['sign-off', 'overdue'],
    address: sealed(1),
    addressHint: 'https://prod-12.westeurope.logic.azure.com/…/abcd',
    signingSecret: null,
  },
};
const addWebhook = (changes: Partial<Extract<NotificationChannelCommand, { type: 'AddNotificationChannel' }>>) =>
  ({
    ...addTeams,
    channelId: 'ch-hook',
    kind: 'webhook',
    url: 'https://hooks.partner.example/actionplans',
    ...changes,
  }) as NotificationChannelCommand;

describe('a plan manager adds a notification channel', () => {
  it('stores its address sealed, and only a masked hint of it in the clear', () => {
    spec(notificationChannelDecider).given([]).when(addTeams).then([teamsAdded]);
  });

  it('masks an address to its host and last four characters', () => {
    expect(maskedAddress('https://hooks.slack.com/services/T000/B000/XXXXwxyz')).toBe('https://hooks.slack.com/…/wxyz');
  });

  it('refuses anyone but a plan manager or an admin', () => {
    spec(notificationChannelDecider)
      .given([])
      .when({ ...addTeams, actor: owner })
      .thenRefuses('NOTIFY.NOT_PLAN_MANAGER');
  });

  it.each([
    ['http://hooks.partner.example/x', 'NOTIFY.INVALID_URL'],
    ['ftp://hooks.partner.example/x', 'NOTIFY.INVALID_URL'],
    ['not a url', 'NOTIFY.INVALID_URL'],
    ['https://user:pass@hooks.partner.example/x', 'NOTIFY.INVALID_URL'],
    ['http://127.0.0.1:8080/hook', 'NOTIFY.INVALID_URL'],
  ])('refuses the address %s', (url, code) => {
    spec(notificationChannelDecider)
      .given([])
      .when({ ...addTeams, url })
      .thenRefuses(code);
  });

  it('takes plain http to this machine only where the configuration allows it', () => {
    spec(notificationChannelDecider)
      .given([])
      .when({ ...addTeams, url: 'http://127.0.0.1:8080/hook', facts: { ...facts, allowHttpLoopback: true } })
      .thenAppends('NotificationChannelAdded');
  });

  it('refuses unknown triggers, no triggers, an unknown plan and no sealing key', () => {
    const when = (changes: object) =>
      spec(notificationChannelDecider)
        .given([])
        .when({ ...addTeams, ...changes });
    when({ triggers: ['weather'] }).thenRefuses('NOTIFY.INVALID_TRIGGER');
    when({ triggers: [] }).thenRefuses('NOTIFY.NO_TRIGGERS');
    when({ facts: { ...facts, planExists: false } }).thenRefuses('PLAN.NOT_FOUND');
    when({ facts: { ...facts, sealingConfigured: false, sealedAddress: null } }).thenRefuses('NOTIFY.NOT_CONFIGURED');
    when({ name: '  ' }).thenRefuses('NOTIFY.REQUIRED');
  });

  it('an outbound webhook needs a signing secret of 16 characters or more, kept sealed; Teams and Slack take none', () => {
    spec(notificationChannelDecider).given([]).when(addWebhook({})).thenRefuses('NOTIFY.SECRET_REQUIRED');
    spec(notificationChannelDecider)
      .given([])
      .when(addWebhook({ signingSecret: 'short' }))
      .thenRefuses('NOTIFY.SECRET_REQUIRED');
    const [added] = spec(notificationChannelDecider)
      .given([])
      .when(addWebhook({ signingSecret: 'a-long-enough-secret' }))
      .events();
    expect(added.type === 'NotificationChannelAdded' && added.data.signingSecret).toEqual(sealed(2));
    expect(JSON.stringify(added)).not.toContain('a-long-enough-secret');
    spec(notificationChannelDecider)
      .given([])
      .when({ ...addTeams, signingSecret: 'a-long-enough-secret' })
      .thenRefuses('NOTIFY.SECRET_NOT_ALLOWED');
  });

  it('refuses a channel id used before, even once removed', () => {
    const removed: NotificationChannelEvent = { type: 'NotificationChannelRemoved', data: { channelId: 'ch-teams', reason: 'moved' } };
    spec(notificationChannelDecider).given([teamsAdded]).when(addTeams).thenRefuses('NOTIFY.ALREADY_ADDED');
    spec(notificationChannelDecider).given([teamsAdded, removed]).when(addTeams).thenRefuses('NOTIFY.ALREADY_ADDED');
  });
});

describe('changing and removing a channel', () => {
  const change = (changes: object): NotificationChannelCommand => ({
    type: 'ChangeNotificationChannel',
    actor: manager,
    now,
    channelId: 'ch-teams',
    reason: 'new channel',
    facts,
    ...changes,
  });

  it('records only what changed, a new address sealed with its new hint', () => {
    spec(notificationChannelDecider)
      .given([teamsAdded])
      .when(change({ name: 'SEND partnership channel', url: 'https://prod-99.uksouth.logic.azure.com/workflows/9/x?sig=zz99' }))
      .then([
        {
          type: 'NotificationChannelChanged',
          data: {
            channelId: 'ch-teams',
            address: sealed(1),
            addressHint: 'https://prod-99.uksouth.logic.azure.com/…/zz99',
            reason: 'new channel',
          },
        },
      ]);
  });

  it('refuses a change that changes nothing, without a reason, or of a channel it does not have', () => {
    spec(notificationChannelDecider)
      .given([teamsAdded])
      .when(change({ triggers: ['overdue', 'sign-off'] }))
      .thenRefuses('NOTIFY.ALREADY_SO');
    spec(notificationChannelDecider)
      .given([teamsAdded])
      .when(change({ name: 'x', reason: ' ' }))
      .thenRefuses('NOTIFY.REQUIRED');
    spec(notificationChannelDecider)
      .given([])
      .when(change({ name: 'x' }))
      .thenRefuses('NOTIFY.NOT_FOUND');
  });

  it('removes a channel with a reason', () => {
    spec(notificationChannelDecider)
      .given([teamsAdded])
      .when({ type: 'RemoveNotificationChannel', actor: manager, now, channelId: 'ch-teams', reason: ' partnership ended ' })
      .then([{ type: 'NotificationChannelRemoved', data: { channelId: 'ch-teams', reason: 'partnership ended' } }]);
  });
});

describe('re-sealing a channel under the current key', () => {
  const system: Actor = { userId: 'command-line', role: 'system' };
  const resealFacts = {
    keyId: 'k2',
    was: { address: sealed(1), signingSecret: null },
    address: { ...sealed(7), keyId: 'k2' },
    signingSecret: null,
  };
  const reseal = (changes: Partial<Extract<NotificationChannelCommand, { type: 'ResealNotificationChannel' }>> = {}) =>
    ({
      type: 'ResealNotificationChannel',
      actor: system,
      now,
      channelId: 'ch-teams',
      reason: 'Key rotated',
      facts: resealFacts,
      ...changes,
    }) as NotificationChannelCommand;

  it('records the address sealed under the new key and which key, never the address', () => {
    spec(notificationChannelDecider)
      .given([teamsAdded])
      .when(reseal())
      .then([
        {
          type: 'NotificationChannelResealed',
          data: { channelId: 'ch-teams', keyId: 'k2', address: { ...sealed(7), keyId: 'k2' }, signingSecret: null, reason: 'Key rotated' },
        },
      ]);
  });

  it('refuses a channel already under the current key, one changed since it was opened, and anyone but a manager or the command line', () => {
    spec(notificationChannelDecider)
      .given([teamsAdded])
      .when(reseal({ facts: { ...resealFacts, keyId: 'k1' } }))
      .thenRefuses('NOTIFY.ALREADY_SO');
    spec(notificationChannelDecider)
      .given([
        teamsAdded,
        { type: 'NotificationChannelChanged', data: { channelId: 'ch-teams', address: sealed(9), addressHint: 'h', reason: 'moved' } },
      ])
      .when(reseal())
      .thenRefuses('NOTIFY.CHANGED_MEANWHILE');
    spec(notificationChannelDecider)
      .given([teamsAdded])
      .when(reseal({ actor: owner }))
      .thenRefuses('NOTIFY.NOT_PLAN_MANAGER');
    spec(notificationChannelDecider).given([]).when(reseal()).thenRefuses('NOTIFY.NOT_FOUND');
  });
});

describe('an overdue episode', () => {
  const subject = {
    actionId: 'a1',
    stage: 'open' as const,
    targetDate: readTargetDate('31/03/2026'),
    planActive: true,
    raisedOn: '2026-01-01',
  };

  it('begins the day after the target date, and not before', () => {
    expect(overdueEpisode(subject, '2026-03-31')).toBeNull();
    expect(overdueEpisode(subject, '2026-04-01')).toEqual({ actionId: 'a1', aboutTargetDate: '2026-03-31', since: '2026-04-01' });
  });

  it('begins when the plan went live for an action already late then, and never for a closed or signed-off one', () => {
    expect(overdueEpisode({ ...subject, liveSince: '2026-05-01' }, '2026-05-02')?.since).toBe('2026-05-01');
    expect(overdueEpisode({ ...subject, stage: 'complete' }, '2026-05-02')).toBeNull();
    expect(overdueEpisode({ ...subject, planActive: false }, '2026-05-02')).toBeNull();
    expect(
      overdueEpisode({ ...subject, targetDate: readTargetDate('Monthly activity – to be reviewed quarterly.') }, '2026-05-02'),
    ).toBeNull();
  });
});
