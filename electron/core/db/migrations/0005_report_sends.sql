-- Deliveries of the weekly report. A scheduled week has one row for good (the unique index), so a
-- restart, a second timer or a retry can never send it twice; sends asked for by hand are rows of their own.
CREATE TABLE report_sends (
  id              TEXT PRIMARY KEY,
  week            TEXT NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'),
  trigger         TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  recipients      TEXT NOT NULL CHECK (json_valid(recipients)),
  file            TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  machine_id      TEXT NOT NULL
);
CREATE UNIQUE INDEX report_sends_scheduled_week ON report_sends (week) WHERE trigger = 'schedule';
CREATE INDEX report_sends_created ON report_sends (created_at);

-- The weekly report's won deals: count and amount per currency and the largest ones of a week, read from
-- this index alone (a week at a million deals holds thousands of won deals; reading each row was seconds).
CREATE INDEX deals_won_closed ON deals (closed_at, currency, amount_minor, id)
  WHERE status = 'won' AND deleted_at IS NULL;
