/**
 * One file holds the log. AUTOINCREMENT keeps positions from ever being reused, and because
 * SQLite has one writer at a time and a rolled-back transaction takes its positions back,
 * positions are gapless: a missing one is a deleted event.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT    NOT NULL UNIQUE,
  stream      TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  prev_hash   TEXT,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, version)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  subscriber  TEXT    PRIMARY KEY,
  position    INTEGER NOT NULL,
  updated_at  TEXT    NOT NULL
);
`;
