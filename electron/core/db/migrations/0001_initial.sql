-- Alignboard's whole domain. Conventions:
--   * ids of rows people create are UUIDv7 text (sortable by time, unique across machines);
--   * every time is epoch milliseconds in UTC (INTEGER); calendar dates are 'YYYY-MM-DD' text in the room's zone;
--   * money is stored in minor units (cents) with its ISO currency, never silently converted;
--   * deleted_at marks a soft delete so that a delete can be undone;
--   * external_source/external_id let a CRM re-import update rather than duplicate.
-- The runner wraps this file in one transaction and sets PRAGMA user_version; no BEGIN/COMMIT here.

CREATE TABLE people (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  team        TEXT NOT NULL CHECK (team IN ('sales', 'marketing')),
  email       TEXT,
  external_source TEXT,
  external_id TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER,
  UNIQUE (external_source, external_id)
);

CREATE TABLE campaigns (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- inbound, paid, event, email, webinar, content, outbound, referral, partner ...
  channel     TEXT NOT NULL,
  -- who sourced leads that come in through this campaign (METRICS: source_team)
  source_team TEXT NOT NULL CHECK (source_team IN ('sales', 'marketing')),
  owner_id    TEXT REFERENCES people(id),
  started_on  TEXT,
  ended_on    TEXT,
  external_source TEXT,
  external_id TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER,
  UNIQUE (external_source, external_id)
);

-- The lifecycle stages in the agreed vocabulary, and which team owns the ball in each.
CREATE TABLE lifecycle_stages (
  key        TEXT PRIMARY KEY CHECK (key IN ('lead', 'mql', 'sql', 'opportunity', 'customer')),
  position   INTEGER NOT NULL UNIQUE,
  label      TEXT NOT NULL,
  owner_team TEXT NOT NULL CHECK (owner_team IN ('sales', 'marketing'))
);
INSERT INTO lifecycle_stages (key, position, label, owner_team) VALUES
  ('lead', 1, 'Lead', 'marketing'),
  ('mql', 2, 'MQL', 'marketing'),
  ('sql', 3, 'SQL', 'sales'),
  ('opportunity', 4, 'Opportunity', 'sales'),
  ('customer', 5, 'Customer', 'sales');

CREATE TABLE leads (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  company          TEXT,
  -- latest reached stage; 'disqualified' ends the journey (the *_at columns keep where it got to)
  stage            TEXT NOT NULL CHECK (stage IN ('lead', 'mql', 'sql', 'opportunity', 'customer', 'disqualified')),
  source_team      TEXT NOT NULL CHECK (source_team IN ('sales', 'marketing')),
  campaign_id      TEXT REFERENCES campaigns(id),
  marketer_id      TEXT REFERENCES people(id),
  owner_id         TEXT REFERENCES people(id),
  lead_at          INTEGER NOT NULL,
  mql_at           INTEGER,
  sql_at           INTEGER,
  opportunity_at   INTEGER,
  customer_at      INTEGER,
  disqualified_at  INTEGER,
  disqualified_reason TEXT,
  first_follow_up_at INTEGER,
  external_source  TEXT,
  external_id      TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  deleted_at       INTEGER,
  UNIQUE (external_source, external_id)
);
-- One index per stage entry column, led by that column and carrying the other entry times (and deleted_at,
-- always NULL here), so that the funnel's per-stage counts, conversion cohorts and times in stage are read
-- from the index alone, never from the table. Rows that never entered a stage are left out of its index.
CREATE INDEX leads_lead_at ON leads (lead_at, mql_at, sql_at, opportunity_at, customer_at, deleted_at)
  WHERE deleted_at IS NULL;
-- The MQL index also carries the follow-up times, so that the SLA's met/late/breached/waiting counts and its
-- waiting and breach lists are read from the index alone.
CREATE INDEX leads_mql_at ON leads (mql_at, lead_at, sql_at, opportunity_at, customer_at, deleted_at,
                                    first_follow_up_at, disqualified_at)
  WHERE deleted_at IS NULL AND mql_at IS NOT NULL;
CREATE INDEX leads_sql_at ON leads (sql_at, lead_at, mql_at, opportunity_at, customer_at, deleted_at)
  WHERE deleted_at IS NULL AND sql_at IS NOT NULL;
CREATE INDEX leads_opportunity_at ON leads (opportunity_at, lead_at, mql_at, sql_at, customer_at, deleted_at)
  WHERE deleted_at IS NULL AND opportunity_at IS NOT NULL;
-- source_team rides along for the shared KPI's marketing/sales split and its trend, counted from the index alone.
CREATE INDEX leads_customer_at ON leads (customer_at, lead_at, mql_at, sql_at, opportunity_at, deleted_at,
                                         source_team)
  WHERE deleted_at IS NULL AND customer_at IS NOT NULL;
CREATE INDEX leads_stage ON leads (stage) WHERE deleted_at IS NULL;
CREATE INDEX leads_campaign ON leads (campaign_id);
CREATE INDEX leads_owner ON leads (owner_id);
-- Data age of the funnel: the newest change is one index look-up (deleted rows count: a delete is a change).
CREATE INDEX leads_updated_at ON leads (updated_at);

-- Every lifecycle transition with its time (the leads row keeps only the first entry per stage).
CREATE TABLE lead_transitions (
  id         TEXT PRIMARY KEY,
  lead_id    TEXT NOT NULL REFERENCES leads(id),
  from_stage TEXT,
  to_stage   TEXT NOT NULL,
  at         INTEGER NOT NULL,
  actor_id   TEXT REFERENCES people(id)
);
CREATE INDEX lead_transitions_lead ON lead_transitions (lead_id, at);

-- The configurable deal pipeline. kind: open stages, and the won and lost end stages.
CREATE TABLE pipeline_stages (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
  probability REAL NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 1),
  archived_at INTEGER
);
INSERT INTO pipeline_stages (id, name, position, kind, probability) VALUES
  ('discovery', 'Discovery', 1, 'open', 0.1),
  ('demo', 'Demo', 2, 'open', 0.25),
  ('proposal', 'Proposal', 3, 'open', 0.5),
  ('negotiation', 'Negotiation', 4, 'open', 0.75),
  ('won', 'Won', 5, 'won', 1),
  ('lost', 'Lost', 6, 'lost', 0);

-- Reason codes: why a lead was rated as it was, why a deal was won or lost.
CREATE TABLE reason_codes (
  code  TEXT PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('review', 'won', 'lost')),
  label TEXT NOT NULL
);
INSERT INTO reason_codes (code, kind, label) VALUES
  ('good_fit', 'review', 'Good fit for our product'),
  ('wrong_size', 'review', 'Company too small or too large'),
  ('no_budget', 'review', 'No budget'),
  ('no_authority', 'review', 'Contact cannot decide'),
  ('bad_timing', 'review', 'Bad timing'),
  ('student_or_job', 'review', 'Student or job seeker'),
  ('competitor', 'review', 'Competitor research'),
  ('won_product_fit', 'won', 'Product fit'),
  ('won_price', 'won', 'Price'),
  ('won_relationship', 'won', 'Relationship'),
  ('won_speed', 'won', 'Speed of response'),
  ('lost_price', 'lost', 'Price too high'),
  ('lost_competitor', 'lost', 'Chose a competitor'),
  ('lost_no_decision', 'lost', 'No decision'),
  ('lost_features', 'lost', 'Missing features'),
  ('lost_timing', 'lost', 'Timing');

CREATE TABLE deals (
  id                   TEXT PRIMARY KEY,
  title                TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  lead_id              TEXT REFERENCES leads(id),
  amount_minor         INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency             TEXT NOT NULL CHECK (length(currency) = 3),
  stage_id             TEXT NOT NULL REFERENCES pipeline_stages(id),
  status               TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  closing_rep_id       TEXT REFERENCES people(id),
  sourcing_marketer_id TEXT REFERENCES people(id),
  campaign_id          TEXT REFERENCES campaigns(id),
  created_at           INTEGER NOT NULL,
  stage_entered_at     INTEGER NOT NULL,
  closed_at            INTEGER,
  close_reason         TEXT REFERENCES reason_codes(code),
  close_note           TEXT,
  external_source      TEXT,
  external_id          TEXT,
  updated_at           INTEGER NOT NULL,
  deleted_at           INTEGER,
  UNIQUE (external_source, external_id),
  CHECK ((status = 'open') = (closed_at IS NULL))
);
-- status and deleted_at ride along (constant here) so that the open pipeline's sums never touch the table.
CREATE INDEX deals_open_stage ON deals (stage_id, currency, amount_minor, status, deleted_at)
  WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX deals_closed_at ON deals (closed_at, status) WHERE closed_at IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX deals_lead ON deals (lead_id);
CREATE INDEX deals_created ON deals (created_at);
CREATE INDEX deals_updated_at ON deals (updated_at);

-- The shared glossary, versioned: a change adds a row with the next version and keeps the old one.
CREATE TABLE glossary_terms (
  id          TEXT PRIMARY KEY,
  term        TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  definition  TEXT NOT NULL,
  -- links a definition to a lifecycle stage or pipeline stage where it defines one
  stage_key   TEXT,
  changed_at  INTEGER NOT NULL,
  changed_by  TEXT REFERENCES people(id),
  UNIQUE (term, version)
);

-- Append-only: the source of the live feed, of history and of undo. seq orders events on this machine;
-- id is globally unique so that logs from several machines can be merged.
CREATE TABLE activity_events (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  at         INTEGER NOT NULL,
  machine_id TEXT NOT NULL,
  type       TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  actor_id   TEXT REFERENCES people(id),
  payload    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);
CREATE INDEX activity_events_at ON activity_events (at);
CREATE INDEX activity_events_entity ON activity_events (entity, entity_id);
CREATE TRIGGER activity_events_no_update BEFORE UPDATE ON activity_events
BEGIN SELECT RAISE(ABORT, 'activity_events is append-only'); END;
CREATE TRIGGER activity_events_no_delete BEFORE DELETE ON activity_events
BEGIN SELECT RAISE(ABORT, 'activity_events is append-only'); END;

CREATE TABLE sprints (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  starts_on  TEXT NOT NULL,
  ends_on    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  CHECK (ends_on >= starts_on)
);

CREATE TABLE sprint_goals (
  id         TEXT PRIMARY KEY,
  sprint_id  TEXT NOT NULL REFERENCES sprints(id),
  title      TEXT NOT NULL,
  owner_team TEXT NOT NULL CHECK (owner_team IN ('sales', 'marketing', 'joint')),
  target     REAL NOT NULL CHECK (target > 0),
  current    REAL NOT NULL DEFAULT 0 CHECK (current >= 0),
  unit       TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
CREATE INDEX sprint_goals_sprint ON sprint_goals (sprint_id);

CREATE TABLE sprint_goal_owners (
  goal_id   TEXT NOT NULL REFERENCES sprint_goals(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  PRIMARY KEY (goal_id, person_id)
);

-- A goal's value at the end of each day it changed: the burn-up chart's history.
CREATE TABLE sprint_goal_progress (
  goal_id TEXT NOT NULL REFERENCES sprint_goals(id),
  on_date TEXT NOT NULL,
  value   REAL NOT NULL CHECK (value >= 0),
  PRIMARY KEY (goal_id, on_date)
);

CREATE TABLE retrospectives (
  id         TEXT PRIMARY KEY,
  sprint_id  TEXT REFERENCES sprints(id),
  held_on    TEXT NOT NULL,
  went_well  TEXT NOT NULL DEFAULT '',
  to_improve TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);

CREATE TABLE action_items (
  id               TEXT PRIMARY KEY,
  retrospective_id TEXT REFERENCES retrospectives(id),
  title            TEXT NOT NULL,
  owner_id         TEXT REFERENCES people(id),
  due_on           TEXT,
  done_at          INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  deleted_at       INTEGER
);

CREATE TABLE lead_reviews (
  id          TEXT PRIMARY KEY,
  lead_id     TEXT NOT NULL REFERENCES leads(id),
  reviewer_id TEXT REFERENCES people(id),
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  notes       TEXT NOT NULL DEFAULT '',
  reviewed_at INTEGER NOT NULL,
  deleted_at  INTEGER
);
CREATE INDEX lead_reviews_at ON lead_reviews (reviewed_at);

CREATE TABLE lead_review_reasons (
  review_id TEXT NOT NULL REFERENCES lead_reviews(id),
  code      TEXT NOT NULL REFERENCES reason_codes(code),
  PRIMARY KEY (review_id, code)
);

-- The two-way agreement, versioned by valid_from: the newest row at or before a time applies.
CREATE TABLE sla_terms (
  id                    TEXT PRIMARY KEY,
  valid_from            INTEGER NOT NULL,
  mqls_per_period       INTEGER NOT NULL CHECK (mqls_per_period >= 0),
  period_kind           TEXT NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  follow_up_hours       REAL NOT NULL CHECK (follow_up_hours > 0),
  business_hours_only   INTEGER NOT NULL DEFAULT 0 CHECK (business_hours_only IN (0, 1)),
  created_at            INTEGER NOT NULL
);

CREATE TABLE kpis (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  unit        TEXT NOT NULL DEFAULT ''
);
INSERT INTO kpis (id, name, description, unit) VALUES
  ('new_paying_customers', 'New paying customers',
   'Leads whose first deal was won in the period. Owned by sales and marketing together.', 'customers');

CREATE TABLE kpi_targets (
  id           TEXT PRIMARY KEY,
  kpi_id       TEXT NOT NULL REFERENCES kpis(id),
  period_kind  TEXT NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period_start TEXT NOT NULL,
  target       REAL NOT NULL CHECK (target >= 0),
  updated_at   INTEGER NOT NULL,
  UNIQUE (kpi_id, period_kind, period_start)
);

-- Recurring meetings: weekdays is a comma list of ISO weekdays (1 = Monday), start_time 'HH:MM' local.
CREATE TABLE meetings (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('standup', 'lead_review', 'retro', 'planning', 'other')),
  title        TEXT NOT NULL,
  weekdays     TEXT NOT NULL,
  start_time   TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  duration_min INTEGER NOT NULL CHECK (duration_min > 0),
  slide_ids    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(slide_ids)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  deleted_at   INTEGER
);

-- One held meeting (e.g. a stand-up run from presenter mode) and how long it took.
CREATE TABLE meeting_runs (
  id         TEXT PRIMARY KEY,
  meeting_id TEXT REFERENCES meetings(id),
  started_at INTEGER NOT NULL,
  ended_at   INTEGER,
  notes      TEXT NOT NULL DEFAULT ''
);

-- Settings as JSON values: playlist, schedules, time zone, period, currency, demo flag, machine id.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL
);
