-- The funnel's open and lost opportunities (METRICS), kept by triggers like the figures of 0002, so that a
-- refresh reads one counter row and a few bucket rows instead of the deals of every opportunity lead.
-- rebuildFigureAggregates() in figure-aggregates-repository.ts recomputes all of it from the source rows.

-- One row per lead (not deleted) in the opportunity stage whose deals (not deleted) make it an open or a
-- lost opportunity: `has_open` when at least one deal is open; otherwise, when every deal is lost, `lost_at`
-- holds the latest close, which decides the period the loss counts in. Leads with no deal, or with a won
-- deal and none open, have no row: they count as neither. The lost_at index serves the minutes at the two
-- ends of a period (time-slices.ts).
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

-- The lost opportunities by the UTC hour and UTC day of their `lost_at` (grains as in 0002): a period's
-- count is whole days and hours from here and its edges from the index above.
CREATE TABLE agg_lost_opportunities (
  grain  INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (grain, bucket)
) WITHOUT ROWID;

-- What a lead's row should hold, from its deals; empty for a lead that is neither open nor lost. Read with
-- a condition on lead_id, SQLite looks the lead and its deals up through the primary key and deals_lead.
-- Its columns are those of agg_opportunity_leads, in the same order.
CREATE VIEW agg_opportunity_lead_counts AS
SELECT l.id AS lead_id, SUM(d.status = 'open') > 0 AS has_open,
       CASE WHEN SUM(d.status <> 'lost') = 0 THEN MAX(d.closed_at) END AS lost_at
  FROM leads l JOIN deals d ON d.lead_id = l.id AND d.deleted_at IS NULL
 WHERE l.deleted_at IS NULL AND l.stage = 'opportunity'
 GROUP BY l.id HAVING SUM(d.status = 'open') > 0 OR SUM(d.status <> 'lost') = 0;

-- Rows written before this migration, filled before the triggers exist (one pass instead of one per row).
INSERT INTO agg_opportunity_leads SELECT * FROM agg_opportunity_lead_counts;
INSERT INTO agg_open_opportunities (id, n) SELECT 1, COUNT(*) FROM agg_opportunity_leads WHERE has_open = 1;
INSERT INTO agg_lost_opportunities (grain, bucket, n)
SELECT g.grain, CAST(o.lost_at / g.grain AS INTEGER), COUNT(*)
  FROM agg_opportunity_leads o, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
 WHERE o.lost_at IS NOT NULL
 GROUP BY 1, 2;

CREATE TRIGGER agg_opportunity_leads_insert AFTER INSERT ON agg_opportunity_leads
BEGIN
  UPDATE agg_open_opportunities SET n = n + NEW.has_open WHERE id = 1;
  INSERT INTO agg_lost_opportunities (grain, bucket, n)
  SELECT g.grain, CAST(NEW.lost_at / g.grain AS INTEGER) AS bucket, 1 AS n
    FROM (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
   WHERE NEW.lost_at IS NOT NULL
  ON CONFLICT (grain, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER agg_opportunity_leads_delete AFTER DELETE ON agg_opportunity_leads
BEGIN
  UPDATE agg_open_opportunities SET n = n - OLD.has_open WHERE id = 1;
  UPDATE agg_lost_opportunities SET n = n - 1
   WHERE OLD.lost_at IS NOT NULL AND ((grain = 3600000 AND bucket = CAST(OLD.lost_at / 3600000 AS INTEGER))
      OR (grain = 86400000 AND bucket = CAST(OLD.lost_at / 86400000 AS INTEGER)));
END;

-- A lead's row is recomputed from its deals whenever something that decides it changes: a deal's lead,
-- status, close time or deletion, or the lead's stage or deletion. A lead has a handful of deals, so each
-- write pays a few index look-ups. Rows are replaced, never updated, so the two triggers above see every
-- change of the counts.
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
