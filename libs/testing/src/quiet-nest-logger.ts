import { Logger } from '@nestjs/common';

// Specs that run the write layer in-process, without an app, would print every command's log line
// through Nest's default logger. Apps under test log through pino in processes of their own, and
// specs that check log lines pass loggers of their own; warnings and errors still show.
Logger.overrideLogger(['warn', 'error']);
