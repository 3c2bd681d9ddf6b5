import { readChannelChange } from './channel-change-form';

const teams = { channelId: 'channel-1', kind: 'teams' };
const partner = { channelId: 'channel-2', kind: 'webhook' };
const filled = {
  name: ' SEND partnership ',
  triggers: ['sign-off', 'overdue'],
  reason: 'Renamed by the board',
  url: '',
  signingSecret: '',
};

describe("reading a notification channel's change form", () => {
  it('sends the name, triggers and reason, and no address when it is left empty, so the sealed one is kept', () => {
    const { change, errors } = readChannelChange(filled, teams);
    expect(errors).toEqual([]);
    expect(change).toEqual({
      type: 'ChangeNotificationChannel',
      channelId: 'channel-1',
      name: 'SEND partnership',
      triggers: ['sign-off', 'overdue'],
      reason: 'Renamed by the board',
    });
    expect(change).not.toHaveProperty('url');
    expect(change).not.toHaveProperty('signingSecret');
  });

  it('sends a new address when one is typed, and a single trigger as a list', () => {
    const { change } = readChannelChange({ ...filled, triggers: 'pack issued', url: ' https://hooks.slack.test/T1/B2/abcd ' }, teams);
    expect(change).toMatchObject({ url: 'https://hooks.slack.test/T1/B2/abcd', triggers: ['pack issued'] });
  });

  it('says beside each field what is missing: the name, what it is told of and why it is changed', () => {
    const { errors } = readChannelChange({ name: '', reason: ' ' }, teams);
    expect(errors).toEqual([
      { field: 'name', text: 'Enter a name for the channel' },
      { field: 'triggers', text: 'Choose what the channel is told of' },
      { field: 'reason', text: 'Enter why the channel is changed' },
    ]);
  });

  it('refuses a trigger the engine does not know, and an address or name too long', () => {
    const { errors } = readChannelChange(
      { ...filled, name: 'n'.repeat(201), triggers: ['sign-off', 'weather'], url: `https://x.test/${'a'.repeat(2000)}` },
      teams,
    );
    expect(errors).toEqual([
      { field: 'name', text: 'The name must be 200 characters or fewer' },
      { field: 'triggers', text: 'Choose what the channel is told of' },
      { field: 'url', text: 'The address must be 2000 characters or fewer' },
    ]);
  });

  it("reads a new signing secret only for a partner's webhook, and refuses one too short", () => {
    expect(readChannelChange({ ...filled, signingSecret: 'a-secret-of-16-chars' }, teams).change).not.toHaveProperty('signingSecret');
    expect(readChannelChange({ ...filled, signingSecret: 'a-secret-of-16-chars' }, partner).change.signingSecret).toBe(
      'a-secret-of-16-chars',
    );
    expect(readChannelChange({ ...filled, signingSecret: 'short' }, partner).errors).toEqual([
      { field: 'signingSecret', text: 'The signing secret must be 16 characters or more' },
    ]);
  });
});
