export * from './mailer';
export * from './reminder-book';
export * from './reminder-delivery';
export * from './reminder-digests';
export * from './digest-mail';
export * from './embedded-reminders';
export * from './queued-reminders';
export * from './reminders-runner';
