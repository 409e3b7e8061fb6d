-- The funnel's open and lost opportunities (METRICS), kept by triggers like the figures of 0002, so that a
-- refresh reads one counter row and a short index range instead of the deals of every opportunity lead.
-- rebuildFigureAggregates() in figure-aggregates-repository.ts recomputes both from the source rows.

-- One row per lead (not deleted) in the opportunity stage whose deals (not deleted) make it an open or a
-- lost opportunity: `has_open` when at least one deal is open; otherwise, when every deal is lost, `lost_at`
-- holds the latest close, which decides the period the loss counts in. Leads with no deal, or with a won
-- deal and none open, have no row: they count as neither.
CREATE TABLE agg_opportunity_leads (
  lead_id  TEXT PRIMARY KEY,
  has_open INTEGER NOT NULL CHECK (has_open IN (0, 1)),
  lost_at  INTEGER,
  CHECK ((has_open = 1) = (lost_at IS NULL))
) WITHOUT ROWID;
CREATE INDEX agg_opportunity_leads_lost_at ON agg_opportunity_leads (lost_at) WHERE lost_at IS NOT NULL;

-- How many rows above have `has_open`: counting them would read every open opportunity on each refresh.
CREATE TABLE agg_open_opportunities (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);

CREATE TRIGGER agg_opportunity_leads_insert AFTER INSERT ON agg_opportunity_leads WHEN NEW.has_open = 1
BEGIN
  UPDATE agg_open_opportunities SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER agg_opportunity_leads_delete AFTER DELETE ON agg_opportunity_leads WHEN OLD.has_open = 1
BEGIN
  UPDATE agg_open_opportunities SET n = n - 1 WHERE id = 1;
END;

-- What a lead's row should hold, from its deals; empty for a lead that is neither open nor lost. Read with
-- a condition on lead_id, SQLite looks the lead and its deals up through the primary key and deals_lead.
-- Its columns are those of agg_opportunity_leads, in the same order.
CREATE VIEW agg_opportunity_lead_counts AS
SELECT l.id AS lead_id, SUM(d.status = 'open') > 0 AS has_open,
       CASE WHEN SUM(d.status <> 'lost') = 0 THEN MAX(d.closed_at) END AS lost_at
  FROM leads l JOIN deals d ON d.lead_id = l.id AND d.deleted_at IS NULL
 WHERE l.deleted_at IS NULL AND l.stage = 'opportunity'
 GROUP BY l.id HAVING SUM(d.status = 'open') > 0 OR SUM(d.status <> 'lost') = 0;

-- A lead's row is recomputed from its deals whenever something that decides it changes: a deal's lead,
-- status, close time or deletion, or the lead's stage or deletion. A lead has a handful of deals, so each
-- write pays a few index look-ups. Rows are replaced, never updated, so the two triggers above see every
-- change of `has_open`.
CREATE TRIGGER agg_opportunity_deals_insert AFTER INSERT ON deals WHEN NEW.lead_id IS NOT NULL
BEGIN
  DELETE FROM agg_opportunity_leads WHERE lead_id = NEW.lead_id;
  INSERT INTO agg_opportunity_leads SELECT * FROM agg_opportunity_lead_counts WHERE lead_id = NEW.lead_id;
END;

CREATE TRIGGER agg_opportunity_deals_update AFTER UPDATE OF lead_id, status, closed_at, deleted_at ON deals
  WHEN OLD.lead_id IS NOT NEW.lead_id OR OLD.status IS NOT NEW.status OR OLD.closed_at IS NOT NEW.closed_at
    OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  DELETE FROM agg_opportunity_leads WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
  INSERT INTO agg_opportunity_leads
  SELECT * FROM agg_opportunity_lead_counts WHERE lead_id IN (OLD.lead_id, NEW.lead_id);
END;

CREATE TRIGGER agg_opportunity_deals_delete AFTER DELETE ON deals WHEN OLD.lead_id IS NOT NULL
BEGIN
  DELETE FROM agg_opportunity_leads WHERE lead_id = OLD.lead_id;
  INSERT INTO agg_opportunity_leads SELECT * FROM agg_opportunity_lead_counts WHERE lead_id = OLD.lead_id;
END;

-- A new lead may already have deals when the deals were written first (an import without foreign keys).
CREATE TRIGGER agg_opportunity_leads_lead_insert AFTER INSERT ON leads WHEN NEW.stage = 'opportunity'
BEGIN
  DELETE FROM agg_opportunity_leads WHERE lead_id = NEW.id;
  INSERT INTO agg_opportunity_leads SELECT * FROM agg_opportunity_lead_counts WHERE lead_id = NEW.id;
END;

CREATE TRIGGER agg_opportunity_leads_lead_update AFTER UPDATE OF id, stage, deleted_at ON leads
  WHEN OLD.id IS NOT NEW.id OR OLD.stage IS NOT NEW.stage OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  DELETE FROM agg_opportunity_leads WHERE lead_id IN (OLD.id, NEW.id);
  INSERT INTO agg_opportunity_leads SELECT * FROM agg_opportunity_lead_counts WHERE lead_id = NEW.id;
END;

CREATE TRIGGER agg_opportunity_leads_lead_delete AFTER DELETE ON leads
BEGIN
  DELETE FROM agg_opportunity_leads WHERE lead_id = OLD.id;
END;

-- Rows written before this migration.
INSERT INTO agg_opportunity_leads SELECT * FROM agg_opportunity_lead_counts;
INSERT INTO agg_open_opportunities (id, n) SELECT 1, COUNT(*) FROM agg_opportunity_leads WHERE has_open = 1;
