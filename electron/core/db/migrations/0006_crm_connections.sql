-- CRM connections (HubSpot, Salesforce), one per vendor. Credentials are NOT here: they live in the machine's
-- secret store (secrets/secret-store.ts), so that backups, exports and a copied file never carry them.
CREATE TABLE crm_connections (
  vendor               TEXT PRIMARY KEY CHECK (vendor IN ('hubspot', 'salesforce')),
  base_url             TEXT NOT NULL,
  poll_interval_sec    INTEGER NOT NULL DEFAULT 60 CHECK (poll_interval_sec >= 1),
  objects              TEXT NOT NULL DEFAULT '["people","stages","campaigns","leads","deals"]' CHECK (json_valid(objects)),
  paused               INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
  -- why the connection stopped (a refused credential); cleared by new credentials
  stopped_reason       TEXT,
  team_rule            TEXT NOT NULL DEFAULT '{"defaultTeam":"sales","rules":[]}' CHECK (json_valid(team_rule)),
  mapping_confirmed_at INTEGER,
  last_success_at      INTEGER,
  last_error           TEXT,
  last_error_at        INTEGER,
  failing_since        INTEGER,
  allowance            TEXT CHECK (allowance IS NULL OR json_valid(allowance)),
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);

-- Where each kind of record stands: the cursor on the CRM's last-modified time, the resume point of a full
-- read cut short, and the last outcome.
CREATE TABLE crm_sync_objects (
  vendor          TEXT NOT NULL REFERENCES crm_connections(vendor) ON DELETE CASCADE,
  object          TEXT NOT NULL CHECK (object IN ('people', 'stages', 'campaigns', 'leads', 'deals')),
  -- everything modified before this CRM time (epoch ms) has been read; null before the first full read
  cursor_ms       INTEGER,
  -- a full read in progress: the CRM's paging token to resume at, and when that read began
  resume_token    TEXT,
  full_started_at INTEGER,
  initial_done    INTEGER NOT NULL DEFAULT 0 CHECK (initial_done IN (0, 1)),
  last_success_at INTEGER,
  last_error      TEXT,
  last_error_at   INTEGER,
  PRIMARY KEY (vendor, object)
);

-- The CRM's stages as its metadata describes them, and the wall stage the admin confirmed for each.
CREATE TABLE crm_stages (
  vendor         TEXT NOT NULL,
  crm_stage_id   TEXT NOT NULL,
  label          TEXT NOT NULL,
  pipeline_label TEXT NOT NULL DEFAULT '',
  position       INTEGER NOT NULL DEFAULT 0,
  probability    REAL,
  is_closed      INTEGER NOT NULL DEFAULT 0,
  is_won         INTEGER NOT NULL DEFAULT 0,
  stage_id       TEXT REFERENCES pipeline_stages(id),
  PRIMARY KEY (vendor, crm_stage_id)
);

-- Deals seen in a stage the confirmed mapping does not know: reported to the admin, never guessed.
CREATE TABLE crm_unknown_stage_deals (
  vendor        TEXT NOT NULL,
  crm_stage_id  TEXT NOT NULL,
  crm_deal_id   TEXT NOT NULL,
  label         TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  PRIMARY KEY (vendor, crm_deal_id)
);

-- The CRM's owners (HubSpot owners, Salesforce users) and the person each is on the wall.
CREATE TABLE crm_owners (
  vendor       TEXT NOT NULL,
  crm_owner_id TEXT NOT NULL,
  name         TEXT NOT NULL,
  email        TEXT,
  crm_teams    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(crm_teams)),
  person_id    TEXT REFERENCES people(id),
  PRIMARY KEY (vendor, crm_owner_id)
);

-- Synced rows keep the CRM's last-modified time beside its id (external_source, external_id).
ALTER TABLE deals ADD COLUMN external_modified_at INTEGER;
ALTER TABLE leads ADD COLUMN external_modified_at INTEGER;
ALTER TABLE people ADD COLUMN external_modified_at INTEGER;
ALTER TABLE campaigns ADD COLUMN external_modified_at INTEGER;
-- A sync looks for an entered deal that a CRM deal duplicates (same title, amount, currency) before adding it:
-- only entered deals are indexed, so the look-up stays one probe however many deals a CRM brings.
CREATE INDEX deals_entered_title ON deals (lower(trim(title)), amount_minor, currency)
  WHERE external_source IS NULL AND deleted_at IS NULL;
-- When the connection last looked for records deleted in the CRM (that check lists them all, so it runs less often).
ALTER TABLE crm_sync_objects ADD COLUMN deletions_checked_at INTEGER;
