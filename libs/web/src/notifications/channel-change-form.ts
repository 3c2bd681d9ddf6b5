import {
  MIN_SECRET,
  NOTIFICATION_TRIGGERS,
  type CommandBody,
  type NotificationChannelCommand,
  type NotificationTrigger,
} from '@actionplans/domain';
import type { ChannelView } from '@actionplans/notifications';
import type { Form } from '../manage/form-context';
import { FormReader } from '../manage/form-reader';
import type { FormError } from '../page/nunjucks';

/** The command a channel's change form sends: the same as the API's `PUT …/notification-channels/{channelId}`. */
export type ChannelChange = Extract<CommandBody<NotificationChannelCommand>, { type: 'ChangeNotificationChannel' }>;

/**
 * Where each refusal of a change is said on the form. An address refused is said in one sentence,
 * not the rule's, because the rule's names the field by its API name.
 */
export const CHANGE_FIELD_OF: Record<string, string | FormError> = {
  'NOTIFY.INVALID_URL': { field: 'url', text: 'Enter a webhook address that starts https://, without a user name or password in it' },
  'NOTIFY.INVALID_TRIGGER': 'triggers',
  'NOTIFY.NO_TRIGGERS': 'triggers',
  'NOTIFY.SECRET_REQUIRED': 'signingSecret',
  'NOTIFY.SECRET_NOT_ALLOWED': 'signingSecret',
  'NOTIFY.NOT_CONFIGURED': 'url',
  'NOTIFY.ALREADY_SO': { field: 'name', text: 'Change the name, what it is told of or its address: the channel already has these' },
};

/**
 * Reads a channel's change form. The name and triggers are always sent (the rule records only what
 * differs); an address or secret only when one is typed, so leaving them empty keeps the sealed ones.
 */
export function readChannelChange(
  form: Form,
  channel: Pick<ChannelView, 'channelId' | 'kind'>,
): { change: ChannelChange; errors: FormError[] } {
  const read = new FormReader(form);
  const name = read.text('name', 'Enter a name for the channel', 200, 'The name');
  const triggers = read.all('triggers') as NotificationTrigger[];
  if (triggers.length === 0 || triggers.some((trigger) => !NOTIFICATION_TRIGGERS.includes(trigger)))
    read.fail('triggers', 'Choose what the channel is told of');
  const url = read.optional('url', 2000, 'The address');
  const secret = channel.kind === 'webhook' ? read.optional('signingSecret', 200, 'The signing secret') : null;
  if (secret !== null && secret.length < MIN_SECRET)
    read.fail('signingSecret', `The signing secret must be ${MIN_SECRET} characters or more`);
  const reason = read.text('reason', 'Enter why the channel is changed', 2000, 'The reason');
  const change: ChannelChange = {
    type: 'ChangeNotificationChannel',
    channelId: channel.channelId,
    name,
    triggers,
    ...(url === null ? {} : { url }),
    ...(secret === null ? {} : { signingSecret: secret }),
    reason,
  };
  return { change, errors: read.errors };
}
