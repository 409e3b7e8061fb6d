-- Figures kept up to date as rows are written, so that a display refresh reads a few hundred small rows
-- instead of counting a million leads (docs/performance.md). Every table here is derived: triggers on the
-- source tables maintain it in the same transaction as the write, whoever writes (commands, imports, a
-- person with the sqlite3 shell), and rebuildFigureAggregates() in figure-aggregates-repository.ts can
-- recompute all of it from the source rows (bulk loads drop the triggers and rebuild once at the end).
--
-- Time buckets: `grain` is 3600000 (UTC hours) or 86400000 (UTC days) and `bucket` = at / grain, truncated.
-- A time range is read as whole days, whole hours at its two ends, and the remaining minutes straight from
-- the source rows' indexes, so every count stays exact for any boundary (a period in any zone, a window
-- ending at this millisecond).

-- Leads in each stage now (leads.stage, deleted leads left out).
CREATE TABLE agg_lead_stages (
  stage TEXT PRIMARY KEY,
  n     INTEGER NOT NULL
) WITHOUT ROWID;

-- Leads (not deleted) by the bucket of their entry time into each lifecycle stage: how many entered, how
-- many of those have reached any later stage (conversion cohorts), and how many are marketing-sourced
-- (the shared KPI's split, read for the customer stage).
CREATE TABLE agg_lead_entries (
  grain     INTEGER NOT NULL,
  bucket    INTEGER NOT NULL,
  stage     TEXT NOT NULL,
  entered   INTEGER NOT NULL,
  converted INTEGER NOT NULL,
  marketing INTEGER NOT NULL,
  PRIMARY KEY (grain, bucket, stage)
) WITHOUT ROWID;

-- Every time a lead (not deleted) left a lifecycle stage forward: the entry of its next reached stage
-- (exit_at) minus its entry into the stage. `bucket` orders durations on a log scale, 256 buckets per
-- doubling (bucket 0 holds durations under 1 ms), so that the median is found from bucket counts and a
-- short walk inside one bucket (funnel: median time in stage).
CREATE TABLE agg_lead_exits (
  stage       TEXT NOT NULL,
  bucket      INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  lead_id     TEXT NOT NULL,
  exit_at     INTEGER NOT NULL,
  PRIMARY KEY (stage, bucket, duration_ms, lead_id)
) WITHOUT ROWID;
CREATE INDEX agg_lead_exits_at ON agg_lead_exits (stage, exit_at, bucket);

-- Named points in time the aggregates are kept relative to. 'lead_exits': agg_lead_exit_buckets counts
-- separately the exits before it, so that "exits in the last 90 days" is total − before − the few exits
-- between the anchor and the window start. The write path moves it along with the clock.
CREATE TABLE agg_anchors (
  name TEXT PRIMARY KEY,
  at   INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO agg_anchors (name, at) VALUES ('lead_exits', 0);

-- The exits per duration bucket (level 1) and per octave of 256 buckets (level 0, bucket / 256): the
-- median is found in the octaves first, then in one octave's buckets, so a read touches a few hundred rows.
CREATE TABLE agg_lead_exit_buckets (
  stage         TEXT NOT NULL,
  level         INTEGER NOT NULL,
  bucket        INTEGER NOT NULL,
  total         INTEGER NOT NULL,
  before_anchor INTEGER NOT NULL,
  PRIMARY KEY (stage, level, bucket)
) WITHOUT ROWID;

-- MQLs (not deleted) with a first follow-up, by the bucket of mql_at, met or late for each follow-up
-- allowance (ms) any SLA terms row has. Unfollowed MQLs are few and read from leads_unfollowed_mql.
CREATE TABLE agg_sla_follow_ups (
  follow_up_ms INTEGER NOT NULL,
  grain        INTEGER NOT NULL,
  bucket       INTEGER NOT NULL,
  met          INTEGER NOT NULL,
  late         INTEGER NOT NULL,
  PRIMARY KEY (follow_up_ms, grain, bucket)
) WITHOUT ROWID;

-- Lead reviews (not deleted, of leads not deleted) by the bucket of reviewed_at and the reviewed lead's
-- source: its campaign, or for leads without one ('' campaign_key) its source team.
CREATE TABLE agg_reviews (
  grain        INTEGER NOT NULL,
  bucket       INTEGER NOT NULL,
  campaign_key TEXT NOT NULL,
  team_key     TEXT NOT NULL,
  reviews      INTEGER NOT NULL,
  rating_sum   INTEGER NOT NULL,
  PRIMARY KEY (grain, bucket, campaign_key, team_key)
) WITHOUT ROWID;

-- One row per lead that has a review (deleted reviews too), by the lead's updated_at: the lead-quality
-- slide's data age reads "the newest change to a reviewed lead" as its last row.
CREATE TABLE agg_reviewed_leads (
  updated_at INTEGER NOT NULL,
  lead_id    TEXT NOT NULL,
  PRIMARY KEY (updated_at, lead_id)
) WITHOUT ROWID;

-- Open deals (not deleted) per pipeline stage and currency.
CREATE TABLE agg_open_deals (
  stage_id     TEXT NOT NULL,
  currency     TEXT NOT NULL,
  n            INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (stage_id, currency)
) WITHOUT ROWID;

-- Indexes the aggregates' edges and the write triggers read through.
-- Unfollowed MQLs are few (most get a follow-up within hours): the SLA's waiting and breached counts and
-- lists read only them.
CREATE INDEX leads_unfollowed_mql ON leads (mql_at)
  WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND first_follow_up_at IS NULL AND disqualified_at IS NULL;
-- A lead's reviews, for the trigger that moves them when the lead's campaign changes (and for the foreign key).
CREATE INDEX lead_reviews_lead ON lead_reviews (lead_id);
-- The data age of the lead-quality slide: the newest closed deal change and review deletion, one look-up each.
CREATE INDEX deals_closed_updated_at ON deals (updated_at) WHERE closed_at IS NOT NULL;
CREATE INDEX lead_reviews_deleted_at ON lead_reviews (deleted_at) WHERE deleted_at IS NOT NULL;

-- Closed deals (not deleted) with a reason code, by outcome and the bucket of closed_at.
CREATE TABLE agg_close_reasons (
  status       TEXT NOT NULL,
  grain        INTEGER NOT NULL,
  bucket       INTEGER NOT NULL,
  close_reason TEXT NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (status, grain, bucket, close_reason)
) WITHOUT ROWID;

-- ---- counts for the rows already there (the same statements as rebuildFigureAggregates) ------------
INSERT INTO agg_lead_stages (stage, n)
  SELECT stage, COUNT(*) FROM leads WHERE deleted_at IS NULL GROUP BY stage;
INSERT INTO agg_lead_entries (grain, bucket, stage, entered, converted, marketing)
  SELECT g.grain, CAST(e.at / g.grain AS INTEGER), e.stage, COUNT(*), SUM(e.converted), SUM(e.marketing)
    FROM (SELECT 'lead' AS stage, lead_at AS at,
                 (mql_at IS NOT NULL OR sql_at IS NOT NULL OR opportunity_at IS NOT NULL OR customer_at IS NOT NULL) AS converted,
                 source_team = 'marketing' AS marketing FROM leads WHERE deleted_at IS NULL
          UNION ALL SELECT 'mql', mql_at, (sql_at IS NOT NULL OR opportunity_at IS NOT NULL OR customer_at IS NOT NULL),
                 source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND mql_at IS NOT NULL
          UNION ALL SELECT 'sql', sql_at, (opportunity_at IS NOT NULL OR customer_at IS NOT NULL),
                 source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND sql_at IS NOT NULL
          UNION ALL SELECT 'opportunity', opportunity_at, customer_at IS NOT NULL,
                 source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND opportunity_at IS NOT NULL
          UNION ALL SELECT 'customer', customer_at, 0,
                 source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND customer_at IS NOT NULL) AS e,
         (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
   GROUP BY 1, 2, 3;
INSERT INTO agg_lead_exits (stage, bucket, duration_ms, lead_id, exit_at)
  SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                       ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END,
         x.exit_at - x.entered_at, x.lead_id, x.exit_at
    FROM (SELECT 'lead' AS stage, id AS lead_id, lead_at AS entered_at,
                 COALESCE(mql_at, sql_at, opportunity_at, customer_at) AS exit_at FROM leads WHERE deleted_at IS NULL
          UNION ALL SELECT 'mql', id, mql_at, COALESCE(sql_at, opportunity_at, customer_at) FROM leads WHERE deleted_at IS NULL
          UNION ALL SELECT 'sql', id, sql_at, COALESCE(opportunity_at, customer_at) FROM leads WHERE deleted_at IS NULL
          UNION ALL SELECT 'opportunity', id, opportunity_at, customer_at FROM leads WHERE deleted_at IS NULL) AS x
   WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL;
DELETE FROM agg_lead_exit_buckets;
INSERT INTO agg_lead_exit_buckets (stage, level, bucket, total, before_anchor)
  SELECT stage, 1, bucket, COUNT(*), SUM(exit_at < (SELECT at FROM agg_anchors WHERE name = 'lead_exits'))
    FROM agg_lead_exits GROUP BY stage, bucket;
INSERT INTO agg_lead_exit_buckets (stage, level, bucket, total, before_anchor)
  SELECT stage, 0, bucket / 256, SUM(total), SUM(before_anchor)
    FROM agg_lead_exit_buckets WHERE level = 1 GROUP BY stage, bucket / 256;
INSERT INTO agg_sla_follow_ups (follow_up_ms, grain, bucket, met, late)
  SELECT t.ms, g.grain, CAST(l.mql_at / g.grain AS INTEGER),
         SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) <= l.mql_at + t.ms), SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) > l.mql_at + t.ms)
    FROM leads l, (SELECT DISTINCT CAST(round(follow_up_hours * 3600000) AS INTEGER) AS ms FROM sla_terms) AS t, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
   WHERE l.deleted_at IS NULL AND l.mql_at IS NOT NULL AND COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) IS NOT NULL
   GROUP BY 1, 2, 3;
INSERT INTO agg_reviews (grain, bucket, campaign_key, team_key, reviews, rating_sum)
  SELECT g.grain, CAST(r.reviewed_at / g.grain AS INTEGER), COALESCE(l.campaign_id, ''),
         CASE WHEN l.campaign_id IS NULL THEN l.source_team ELSE '' END, COUNT(*), SUM(r.rating)
    FROM lead_reviews r JOIN leads l ON l.id = r.lead_id, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
   WHERE r.deleted_at IS NULL AND l.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4;
INSERT INTO agg_reviewed_leads (updated_at, lead_id)
  SELECT l.updated_at, l.id FROM leads l WHERE EXISTS (SELECT 1 FROM lead_reviews r WHERE r.lead_id = l.id);
INSERT INTO agg_open_deals (stage_id, currency, n, amount_minor)
  SELECT stage_id, currency, COUNT(*), SUM(amount_minor) FROM deals
   WHERE status = 'open' AND deleted_at IS NULL GROUP BY stage_id, currency;
INSERT INTO agg_close_reasons (status, grain, bucket, close_reason, n)
  SELECT d.status, g.grain, CAST(d.closed_at / g.grain AS INTEGER), d.close_reason, COUNT(*)
    FROM deals d, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
   WHERE d.status IN ('won', 'lost') AND d.close_reason IS NOT NULL AND d.closed_at IS NOT NULL
     AND d.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4;

-- ---- leads ---------------------------------------------------------------------------------------------
CREATE TRIGGER agg_leads_insert AFTER INSERT ON leads WHEN NEW.deleted_at IS NULL
BEGIN
  INSERT INTO agg_lead_stages (stage, n) VALUES (NEW.stage, 1) ON CONFLICT (stage) DO UPDATE SET n = n + 1;
  INSERT INTO agg_lead_entries (stage, grain, bucket, entered, converted, marketing)
  SELECT e.stage, g.grain, CAST(e.at / g.grain AS INTEGER) AS bucket, 1 AS entered,
         1 * e.converted AS converted, 1 * (NEW.source_team = 'marketing') AS marketing
    FROM (SELECT 'lead' AS stage, NEW.lead_at AS at, (NEW.mql_at IS NOT NULL OR NEW.sql_at IS NOT NULL OR NEW.opportunity_at IS NOT NULL OR NEW.customer_at IS NOT NULL) AS converted
           UNION ALL SELECT 'mql', NEW.mql_at, (NEW.sql_at IS NOT NULL OR NEW.opportunity_at IS NOT NULL OR NEW.customer_at IS NOT NULL)
           UNION ALL SELECT 'sql', NEW.sql_at, (NEW.opportunity_at IS NOT NULL OR NEW.customer_at IS NOT NULL)
           UNION ALL SELECT 'opportunity', NEW.opportunity_at, (NEW.customer_at IS NOT NULL)
           UNION ALL SELECT 'customer', NEW.customer_at, 0) AS e, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE e.at IS NOT NULL
  ON CONFLICT (stage, grain, bucket) DO UPDATE SET entered = entered + excluded.entered,
    converted = converted + excluded.converted, marketing = marketing + excluded.marketing;
  INSERT INTO agg_lead_exits (stage, bucket, duration_ms, lead_id, exit_at)
  SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                          ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END AS bucket,
         x.exit_at - x.entered_at AS duration_ms, NEW.id AS lead_id, x.exit_at
    FROM (SELECT 'lead' AS stage, NEW.lead_at AS entered_at,
                 COALESCE(NEW.mql_at, NEW.sql_at, NEW.opportunity_at, NEW.customer_at) AS exit_at
           UNION ALL SELECT 'mql', NEW.mql_at, COALESCE(NEW.sql_at, NEW.opportunity_at, NEW.customer_at)
           UNION ALL SELECT 'sql', NEW.sql_at, COALESCE(NEW.opportunity_at, NEW.customer_at)
           UNION ALL SELECT 'opportunity', NEW.opportunity_at, NEW.customer_at) AS x
    WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL;
  INSERT INTO agg_sla_follow_ups (follow_up_ms, grain, bucket, met, late)
  SELECT t.ms AS follow_up_ms, g.grain, CAST(NEW.mql_at / g.grain AS INTEGER) AS bucket,
         1 * (COALESCE(MIN(NEW.first_follow_up_at, NEW.disqualified_at), NEW.first_follow_up_at, NEW.disqualified_at) <= NEW.mql_at + t.ms) AS met, 1 * (COALESCE(MIN(NEW.first_follow_up_at, NEW.disqualified_at), NEW.first_follow_up_at, NEW.disqualified_at) > NEW.mql_at + t.ms) AS late
    FROM (SELECT DISTINCT CAST(round(follow_up_hours * 3600000) AS INTEGER) AS ms FROM sla_terms) AS t, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE NEW.mql_at IS NOT NULL AND COALESCE(MIN(NEW.first_follow_up_at, NEW.disqualified_at), NEW.first_follow_up_at, NEW.disqualified_at) IS NOT NULL
  ON CONFLICT (follow_up_ms, grain, bucket) DO UPDATE SET met = met + excluded.met, late = late + excluded.late;
END;

CREATE TRIGGER agg_leads_delete AFTER DELETE ON leads WHEN OLD.deleted_at IS NULL
BEGIN
  UPDATE agg_lead_stages SET n = n - 1 WHERE stage = OLD.stage;
  INSERT INTO agg_lead_entries (stage, grain, bucket, entered, converted, marketing)
  SELECT e.stage, g.grain, CAST(e.at / g.grain AS INTEGER) AS bucket, -1 AS entered,
         -1 * e.converted AS converted, -1 * (OLD.source_team = 'marketing') AS marketing
    FROM (SELECT 'lead' AS stage, OLD.lead_at AS at, (OLD.mql_at IS NOT NULL OR OLD.sql_at IS NOT NULL OR OLD.opportunity_at IS NOT NULL OR OLD.customer_at IS NOT NULL) AS converted
           UNION ALL SELECT 'mql', OLD.mql_at, (OLD.sql_at IS NOT NULL OR OLD.opportunity_at IS NOT NULL OR OLD.customer_at IS NOT NULL)
           UNION ALL SELECT 'sql', OLD.sql_at, (OLD.opportunity_at IS NOT NULL OR OLD.customer_at IS NOT NULL)
           UNION ALL SELECT 'opportunity', OLD.opportunity_at, (OLD.customer_at IS NOT NULL)
           UNION ALL SELECT 'customer', OLD.customer_at, 0) AS e, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE e.at IS NOT NULL
  ON CONFLICT (stage, grain, bucket) DO UPDATE SET entered = entered + excluded.entered,
    converted = converted + excluded.converted, marketing = marketing + excluded.marketing;
  DELETE FROM agg_lead_exits WHERE (stage, bucket, duration_ms, lead_id) IN (
    SELECT stage, bucket, duration_ms, lead_id FROM (SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                          ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END AS bucket,
         x.exit_at - x.entered_at AS duration_ms, OLD.id AS lead_id, x.exit_at
    FROM (SELECT 'lead' AS stage, OLD.lead_at AS entered_at,
                 COALESCE(OLD.mql_at, OLD.sql_at, OLD.opportunity_at, OLD.customer_at) AS exit_at
           UNION ALL SELECT 'mql', OLD.mql_at, COALESCE(OLD.sql_at, OLD.opportunity_at, OLD.customer_at)
           UNION ALL SELECT 'sql', OLD.sql_at, COALESCE(OLD.opportunity_at, OLD.customer_at)
           UNION ALL SELECT 'opportunity', OLD.opportunity_at, OLD.customer_at) AS x
    WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL));
  INSERT INTO agg_sla_follow_ups (follow_up_ms, grain, bucket, met, late)
  SELECT t.ms AS follow_up_ms, g.grain, CAST(OLD.mql_at / g.grain AS INTEGER) AS bucket,
         -1 * (COALESCE(MIN(OLD.first_follow_up_at, OLD.disqualified_at), OLD.first_follow_up_at, OLD.disqualified_at) <= OLD.mql_at + t.ms) AS met, -1 * (COALESCE(MIN(OLD.first_follow_up_at, OLD.disqualified_at), OLD.first_follow_up_at, OLD.disqualified_at) > OLD.mql_at + t.ms) AS late
    FROM (SELECT DISTINCT CAST(round(follow_up_hours * 3600000) AS INTEGER) AS ms FROM sla_terms) AS t, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE OLD.mql_at IS NOT NULL AND COALESCE(MIN(OLD.first_follow_up_at, OLD.disqualified_at), OLD.first_follow_up_at, OLD.disqualified_at) IS NOT NULL
  ON CONFLICT (follow_up_ms, grain, bucket) DO UPDATE SET met = met + excluded.met, late = late + excluded.late;
END;

CREATE TRIGGER agg_leads_update_stage AFTER UPDATE OF stage, deleted_at ON leads
WHEN OLD.stage IS NOT NEW.stage OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  UPDATE agg_lead_stages SET n = n - 1 WHERE stage = OLD.stage AND OLD.deleted_at IS NULL;
  INSERT INTO agg_lead_stages (stage, n) SELECT NEW.stage, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (stage) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER agg_leads_update_entries AFTER UPDATE OF lead_at, mql_at, sql_at, opportunity_at, customer_at, source_team, deleted_at ON leads
WHEN OLD.lead_at IS NOT NEW.lead_at OR OLD.mql_at IS NOT NEW.mql_at OR OLD.sql_at IS NOT NEW.sql_at OR OLD.opportunity_at IS NOT NEW.opportunity_at OR OLD.customer_at IS NOT NEW.customer_at OR OLD.source_team IS NOT NEW.source_team OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO agg_lead_entries (stage, grain, bucket, entered, converted, marketing)
  SELECT stage, grain, bucket, SUM(entered), SUM(converted), SUM(marketing) FROM (
  SELECT e.stage, g.grain, CAST(e.at / g.grain AS INTEGER) AS bucket, -1 AS entered,
         -1 * e.converted AS converted, -1 * (OLD.source_team = 'marketing') AS marketing
    FROM (SELECT 'lead' AS stage, OLD.lead_at AS at, (OLD.mql_at IS NOT NULL OR OLD.sql_at IS NOT NULL OR OLD.opportunity_at IS NOT NULL OR OLD.customer_at IS NOT NULL) AS converted
           UNION ALL SELECT 'mql', OLD.mql_at, (OLD.sql_at IS NOT NULL OR OLD.opportunity_at IS NOT NULL OR OLD.customer_at IS NOT NULL)
           UNION ALL SELECT 'sql', OLD.sql_at, (OLD.opportunity_at IS NOT NULL OR OLD.customer_at IS NOT NULL)
           UNION ALL SELECT 'opportunity', OLD.opportunity_at, (OLD.customer_at IS NOT NULL)
           UNION ALL SELECT 'customer', OLD.customer_at, 0) AS e, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE e.at IS NOT NULL AND OLD.deleted_at IS NULL
  UNION ALL
  SELECT e.stage, g.grain, CAST(e.at / g.grain AS INTEGER) AS bucket, 1 AS entered,
         1 * e.converted AS converted, 1 * (NEW.source_team = 'marketing') AS marketing
    FROM (SELECT 'lead' AS stage, NEW.lead_at AS at, (NEW.mql_at IS NOT NULL OR NEW.sql_at IS NOT NULL OR NEW.opportunity_at IS NOT NULL OR NEW.customer_at IS NOT NULL) AS converted
           UNION ALL SELECT 'mql', NEW.mql_at, (NEW.sql_at IS NOT NULL OR NEW.opportunity_at IS NOT NULL OR NEW.customer_at IS NOT NULL)
           UNION ALL SELECT 'sql', NEW.sql_at, (NEW.opportunity_at IS NOT NULL OR NEW.customer_at IS NOT NULL)
           UNION ALL SELECT 'opportunity', NEW.opportunity_at, (NEW.customer_at IS NOT NULL)
           UNION ALL SELECT 'customer', NEW.customer_at, 0) AS e, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE e.at IS NOT NULL AND NEW.deleted_at IS NULL) WHERE true GROUP BY stage, grain, bucket HAVING SUM(entered) <> 0 OR SUM(converted) <> 0 OR SUM(marketing) <> 0
  ON CONFLICT (stage, grain, bucket) DO UPDATE SET entered = entered + excluded.entered,
    converted = converted + excluded.converted, marketing = marketing + excluded.marketing;
END;

CREATE TRIGGER agg_leads_update_exits AFTER UPDATE OF lead_at, mql_at, sql_at, opportunity_at, customer_at, deleted_at ON leads
WHEN OLD.lead_at IS NOT NEW.lead_at OR OLD.mql_at IS NOT NEW.mql_at OR OLD.sql_at IS NOT NEW.sql_at OR OLD.opportunity_at IS NOT NEW.opportunity_at OR OLD.customer_at IS NOT NEW.customer_at OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  DELETE FROM agg_lead_exits WHERE (stage, bucket, duration_ms, lead_id) IN (
    SELECT stage, bucket, duration_ms, lead_id FROM (
  SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                          ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END AS bucket,
         x.exit_at - x.entered_at AS duration_ms, OLD.id AS lead_id, x.exit_at
    FROM (SELECT 'lead' AS stage, OLD.lead_at AS entered_at,
                 COALESCE(OLD.mql_at, OLD.sql_at, OLD.opportunity_at, OLD.customer_at) AS exit_at
           UNION ALL SELECT 'mql', OLD.mql_at, COALESCE(OLD.sql_at, OLD.opportunity_at, OLD.customer_at)
           UNION ALL SELECT 'sql', OLD.sql_at, COALESCE(OLD.opportunity_at, OLD.customer_at)
           UNION ALL SELECT 'opportunity', OLD.opportunity_at, OLD.customer_at) AS x
    WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL AND OLD.deleted_at IS NULL
  EXCEPT
  SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                          ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END AS bucket,
         x.exit_at - x.entered_at AS duration_ms, NEW.id AS lead_id, x.exit_at
    FROM (SELECT 'lead' AS stage, NEW.lead_at AS entered_at,
                 COALESCE(NEW.mql_at, NEW.sql_at, NEW.opportunity_at, NEW.customer_at) AS exit_at
           UNION ALL SELECT 'mql', NEW.mql_at, COALESCE(NEW.sql_at, NEW.opportunity_at, NEW.customer_at)
           UNION ALL SELECT 'sql', NEW.sql_at, COALESCE(NEW.opportunity_at, NEW.customer_at)
           UNION ALL SELECT 'opportunity', NEW.opportunity_at, NEW.customer_at) AS x
    WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL AND NEW.deleted_at IS NULL));
  INSERT INTO agg_lead_exits (stage, bucket, duration_ms, lead_id, exit_at)
  SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                          ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END AS bucket,
         x.exit_at - x.entered_at AS duration_ms, NEW.id AS lead_id, x.exit_at
    FROM (SELECT 'lead' AS stage, NEW.lead_at AS entered_at,
                 COALESCE(NEW.mql_at, NEW.sql_at, NEW.opportunity_at, NEW.customer_at) AS exit_at
           UNION ALL SELECT 'mql', NEW.mql_at, COALESCE(NEW.sql_at, NEW.opportunity_at, NEW.customer_at)
           UNION ALL SELECT 'sql', NEW.sql_at, COALESCE(NEW.opportunity_at, NEW.customer_at)
           UNION ALL SELECT 'opportunity', NEW.opportunity_at, NEW.customer_at) AS x
    WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL AND NEW.deleted_at IS NULL
  EXCEPT
  SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                          ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END AS bucket,
         x.exit_at - x.entered_at AS duration_ms, OLD.id AS lead_id, x.exit_at
    FROM (SELECT 'lead' AS stage, OLD.lead_at AS entered_at,
                 COALESCE(OLD.mql_at, OLD.sql_at, OLD.opportunity_at, OLD.customer_at) AS exit_at
           UNION ALL SELECT 'mql', OLD.mql_at, COALESCE(OLD.sql_at, OLD.opportunity_at, OLD.customer_at)
           UNION ALL SELECT 'sql', OLD.sql_at, COALESCE(OLD.opportunity_at, OLD.customer_at)
           UNION ALL SELECT 'opportunity', OLD.opportunity_at, OLD.customer_at) AS x
    WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL AND OLD.deleted_at IS NULL;
END;

CREATE TRIGGER agg_leads_update_sla AFTER UPDATE OF mql_at, first_follow_up_at, disqualified_at, deleted_at ON leads
WHEN OLD.mql_at IS NOT NEW.mql_at OR OLD.first_follow_up_at IS NOT NEW.first_follow_up_at OR OLD.disqualified_at IS NOT NEW.disqualified_at OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO agg_sla_follow_ups (follow_up_ms, grain, bucket, met, late)
  SELECT follow_up_ms, grain, bucket, SUM(met), SUM(late) FROM (
  SELECT t.ms AS follow_up_ms, g.grain, CAST(OLD.mql_at / g.grain AS INTEGER) AS bucket,
         -1 * (COALESCE(MIN(OLD.first_follow_up_at, OLD.disqualified_at), OLD.first_follow_up_at, OLD.disqualified_at) <= OLD.mql_at + t.ms) AS met, -1 * (COALESCE(MIN(OLD.first_follow_up_at, OLD.disqualified_at), OLD.first_follow_up_at, OLD.disqualified_at) > OLD.mql_at + t.ms) AS late
    FROM (SELECT DISTINCT CAST(round(follow_up_hours * 3600000) AS INTEGER) AS ms FROM sla_terms) AS t, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE OLD.mql_at IS NOT NULL AND COALESCE(MIN(OLD.first_follow_up_at, OLD.disqualified_at), OLD.first_follow_up_at, OLD.disqualified_at) IS NOT NULL AND OLD.deleted_at IS NULL
  UNION ALL
  SELECT t.ms AS follow_up_ms, g.grain, CAST(NEW.mql_at / g.grain AS INTEGER) AS bucket,
         1 * (COALESCE(MIN(NEW.first_follow_up_at, NEW.disqualified_at), NEW.first_follow_up_at, NEW.disqualified_at) <= NEW.mql_at + t.ms) AS met, 1 * (COALESCE(MIN(NEW.first_follow_up_at, NEW.disqualified_at), NEW.first_follow_up_at, NEW.disqualified_at) > NEW.mql_at + t.ms) AS late
    FROM (SELECT DISTINCT CAST(round(follow_up_hours * 3600000) AS INTEGER) AS ms FROM sla_terms) AS t, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE NEW.mql_at IS NOT NULL AND COALESCE(MIN(NEW.first_follow_up_at, NEW.disqualified_at), NEW.first_follow_up_at, NEW.disqualified_at) IS NOT NULL AND NEW.deleted_at IS NULL) WHERE true GROUP BY follow_up_ms, grain, bucket HAVING SUM(met) <> 0 OR SUM(late) <> 0
  ON CONFLICT (follow_up_ms, grain, bucket) DO UPDATE SET met = met + excluded.met, late = late + excluded.late;
END;

CREATE TRIGGER agg_leads_update_reviews AFTER UPDATE OF campaign_id, source_team, deleted_at ON leads
WHEN OLD.campaign_id IS NOT NEW.campaign_id OR OLD.source_team IS NOT NEW.source_team
  OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO agg_reviews (campaign_key, team_key, grain, bucket, reviews, rating_sum)
  SELECT campaign_key, team_key, grain, bucket, SUM(reviews), SUM(rating_sum) FROM (
  SELECT COALESCE(OLD.campaign_id, '') AS campaign_key,
         CASE WHEN OLD.campaign_id IS NULL THEN OLD.source_team ELSE '' END AS team_key,
         g.grain, CAST(r.reviewed_at / g.grain AS INTEGER) AS bucket, -1 AS reviews, -1 * r.rating AS rating_sum
    FROM lead_reviews r, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE r.lead_id = OLD.id AND r.deleted_at IS NULL AND OLD.deleted_at IS NULL
  UNION ALL
  SELECT COALESCE(NEW.campaign_id, '') AS campaign_key,
         CASE WHEN NEW.campaign_id IS NULL THEN NEW.source_team ELSE '' END AS team_key,
         g.grain, CAST(r.reviewed_at / g.grain AS INTEGER) AS bucket, 1 AS reviews, 1 * r.rating AS rating_sum
    FROM lead_reviews r, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE r.lead_id = NEW.id AND r.deleted_at IS NULL AND NEW.deleted_at IS NULL) WHERE true GROUP BY campaign_key, team_key, grain, bucket HAVING SUM(reviews) <> 0 OR SUM(rating_sum) <> 0
  ON CONFLICT (grain, bucket, campaign_key, team_key) DO UPDATE SET reviews = reviews + excluded.reviews,
    rating_sum = rating_sum + excluded.rating_sum;
END;

-- ---- the exit histogram follows the exits --------------------------------------------------------------
CREATE TRIGGER agg_lead_exits_insert AFTER INSERT ON agg_lead_exits
BEGIN
  INSERT INTO agg_lead_exit_buckets (stage, level, bucket, total, before_anchor)
  SELECT NEW.stage, l.level, CASE l.level WHEN 0 THEN NEW.bucket / 256 ELSE NEW.bucket END, 1,
         NEW.exit_at < COALESCE((SELECT at FROM agg_anchors WHERE name = 'lead_exits'), 0)
    FROM (SELECT 0 AS level UNION ALL SELECT 1) AS l
   WHERE true
  ON CONFLICT (stage, level, bucket) DO UPDATE SET total = total + 1,
    before_anchor = before_anchor + excluded.before_anchor;
END;

CREATE TRIGGER agg_lead_exits_delete AFTER DELETE ON agg_lead_exits
BEGIN
  UPDATE agg_lead_exit_buckets
     SET total = total - 1,
         before_anchor = before_anchor - (OLD.exit_at < COALESCE((SELECT at FROM agg_anchors WHERE name = 'lead_exits'), 0))
   WHERE stage = OLD.stage AND ((level = 0 AND bucket = OLD.bucket / 256) OR (level = 1 AND bucket = OLD.bucket));
END;

-- ---- lead reviews --------------------------------------------------------------------------------------
CREATE TRIGGER agg_lead_reviews_insert AFTER INSERT ON lead_reviews WHEN NEW.deleted_at IS NULL
BEGIN
  INSERT INTO agg_reviews (campaign_key, team_key, grain, bucket, reviews, rating_sum)
  SELECT COALESCE(l.campaign_id, '') AS campaign_key,
         CASE WHEN l.campaign_id IS NULL THEN l.source_team ELSE '' END AS team_key,
         g.grain, CAST(NEW.reviewed_at / g.grain AS INTEGER) AS bucket, 1 AS reviews, 1 * NEW.rating AS rating_sum
    FROM leads l, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE l.id = NEW.lead_id AND l.deleted_at IS NULL AND NEW.deleted_at IS NULL
  ON CONFLICT (grain, bucket, campaign_key, team_key) DO UPDATE SET reviews = reviews + excluded.reviews,
    rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER agg_lead_reviews_delete AFTER DELETE ON lead_reviews WHEN OLD.deleted_at IS NULL
BEGIN
  INSERT INTO agg_reviews (campaign_key, team_key, grain, bucket, reviews, rating_sum)
  SELECT COALESCE(l.campaign_id, '') AS campaign_key,
         CASE WHEN l.campaign_id IS NULL THEN l.source_team ELSE '' END AS team_key,
         g.grain, CAST(OLD.reviewed_at / g.grain AS INTEGER) AS bucket, -1 AS reviews, -1 * OLD.rating AS rating_sum
    FROM leads l, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE l.id = OLD.lead_id AND l.deleted_at IS NULL AND OLD.deleted_at IS NULL
  ON CONFLICT (grain, bucket, campaign_key, team_key) DO UPDATE SET reviews = reviews + excluded.reviews,
    rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER agg_lead_reviews_update AFTER UPDATE OF lead_id, rating, reviewed_at, deleted_at ON lead_reviews
WHEN OLD.lead_id IS NOT NEW.lead_id OR OLD.rating IS NOT NEW.rating OR OLD.reviewed_at IS NOT NEW.reviewed_at
  OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO agg_reviews (campaign_key, team_key, grain, bucket, reviews, rating_sum)
  SELECT campaign_key, team_key, grain, bucket, SUM(reviews), SUM(rating_sum) FROM (
  SELECT COALESCE(l.campaign_id, '') AS campaign_key,
         CASE WHEN l.campaign_id IS NULL THEN l.source_team ELSE '' END AS team_key,
         g.grain, CAST(OLD.reviewed_at / g.grain AS INTEGER) AS bucket, -1 AS reviews, -1 * OLD.rating AS rating_sum
    FROM leads l, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE l.id = OLD.lead_id AND l.deleted_at IS NULL AND OLD.deleted_at IS NULL
  UNION ALL
  SELECT COALESCE(l.campaign_id, '') AS campaign_key,
         CASE WHEN l.campaign_id IS NULL THEN l.source_team ELSE '' END AS team_key,
         g.grain, CAST(NEW.reviewed_at / g.grain AS INTEGER) AS bucket, 1 AS reviews, 1 * NEW.rating AS rating_sum
    FROM leads l, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE l.id = NEW.lead_id AND l.deleted_at IS NULL AND NEW.deleted_at IS NULL) WHERE true GROUP BY campaign_key, team_key, grain, bucket HAVING SUM(reviews) <> 0 OR SUM(rating_sum) <> 0
  ON CONFLICT (grain, bucket, campaign_key, team_key) DO UPDATE SET reviews = reviews + excluded.reviews,
    rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER agg_leads_update_reviewed AFTER UPDATE OF updated_at ON leads
WHEN OLD.updated_at IS NOT NEW.updated_at AND EXISTS (SELECT 1 FROM lead_reviews WHERE lead_id = NEW.id)
BEGIN
  DELETE FROM agg_reviewed_leads WHERE updated_at = OLD.updated_at AND lead_id = OLD.id;
  INSERT OR IGNORE INTO agg_reviewed_leads (updated_at, lead_id) VALUES (NEW.updated_at, NEW.id);
END;

CREATE TRIGGER agg_lead_reviews_insert_reviewed AFTER INSERT ON lead_reviews
BEGIN
  INSERT OR IGNORE INTO agg_reviewed_leads (updated_at, lead_id) SELECT updated_at, id FROM leads WHERE id = NEW.lead_id;
END;

CREATE TRIGGER agg_lead_reviews_delete_reviewed AFTER DELETE ON lead_reviews
WHEN NOT EXISTS (SELECT 1 FROM lead_reviews WHERE lead_id = OLD.lead_id)
BEGIN
  DELETE FROM agg_reviewed_leads
   WHERE lead_id = OLD.lead_id AND updated_at = (SELECT updated_at FROM leads WHERE id = OLD.lead_id);
END;

CREATE TRIGGER agg_lead_reviews_move_reviewed AFTER UPDATE OF lead_id ON lead_reviews
WHEN OLD.lead_id IS NOT NEW.lead_id
BEGIN
  DELETE FROM agg_reviewed_leads
   WHERE lead_id = OLD.lead_id AND updated_at = (SELECT updated_at FROM leads WHERE id = OLD.lead_id)
     AND NOT EXISTS (SELECT 1 FROM lead_reviews WHERE lead_id = OLD.lead_id);
  INSERT OR IGNORE INTO agg_reviewed_leads (updated_at, lead_id) SELECT updated_at, id FROM leads WHERE id = NEW.lead_id;
END;

-- ---- deals -------------------------------------------------------------------------------------------
CREATE TRIGGER agg_deals_insert AFTER INSERT ON deals
BEGIN
  INSERT INTO agg_open_deals (stage_id, currency, n, amount_minor)
  SELECT NEW.stage_id AS stage_id, NEW.currency AS currency, 1 AS n, 1 * NEW.amount_minor AS amount_minor
    WHERE NEW.status = 'open' AND NEW.deleted_at IS NULL
  ON CONFLICT (stage_id, currency) DO UPDATE SET n = n + excluded.n, amount_minor = amount_minor + excluded.amount_minor;
  INSERT INTO agg_close_reasons (status, grain, bucket, close_reason, n)
  SELECT NEW.status AS status, g.grain, CAST(NEW.closed_at / g.grain AS INTEGER) AS bucket,
         NEW.close_reason AS close_reason, 1 AS n
    FROM (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE NEW.status IN ('won', 'lost') AND NEW.close_reason IS NOT NULL AND NEW.closed_at IS NOT NULL
      AND NEW.deleted_at IS NULL
  ON CONFLICT (status, grain, bucket, close_reason) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agg_deals_delete AFTER DELETE ON deals
BEGIN
  INSERT INTO agg_open_deals (stage_id, currency, n, amount_minor)
  SELECT OLD.stage_id AS stage_id, OLD.currency AS currency, -1 AS n, -1 * OLD.amount_minor AS amount_minor
    WHERE OLD.status = 'open' AND OLD.deleted_at IS NULL
  ON CONFLICT (stage_id, currency) DO UPDATE SET n = n + excluded.n, amount_minor = amount_minor + excluded.amount_minor;
  INSERT INTO agg_close_reasons (status, grain, bucket, close_reason, n)
  SELECT OLD.status AS status, g.grain, CAST(OLD.closed_at / g.grain AS INTEGER) AS bucket,
         OLD.close_reason AS close_reason, -1 AS n
    FROM (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE OLD.status IN ('won', 'lost') AND OLD.close_reason IS NOT NULL AND OLD.closed_at IS NOT NULL
      AND OLD.deleted_at IS NULL
  ON CONFLICT (status, grain, bucket, close_reason) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agg_deals_update AFTER UPDATE OF stage_id, currency, amount_minor, status, closed_at, close_reason, deleted_at ON deals
WHEN OLD.stage_id IS NOT NEW.stage_id OR OLD.currency IS NOT NEW.currency OR OLD.amount_minor IS NOT NEW.amount_minor OR OLD.status IS NOT NEW.status OR OLD.closed_at IS NOT NEW.closed_at OR OLD.close_reason IS NOT NEW.close_reason OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO agg_open_deals (stage_id, currency, n, amount_minor)
  SELECT stage_id, currency, SUM(n), SUM(amount_minor) FROM (
  SELECT OLD.stage_id AS stage_id, OLD.currency AS currency, -1 AS n, -1 * OLD.amount_minor AS amount_minor
    WHERE OLD.status = 'open' AND OLD.deleted_at IS NULL
  UNION ALL
  SELECT NEW.stage_id AS stage_id, NEW.currency AS currency, 1 AS n, 1 * NEW.amount_minor AS amount_minor
    WHERE NEW.status = 'open' AND NEW.deleted_at IS NULL) WHERE true GROUP BY stage_id, currency HAVING SUM(n) <> 0 OR SUM(amount_minor) <> 0
  ON CONFLICT (stage_id, currency) DO UPDATE SET n = n + excluded.n, amount_minor = amount_minor + excluded.amount_minor;
  INSERT INTO agg_close_reasons (status, grain, bucket, close_reason, n)
  SELECT status, grain, bucket, close_reason, SUM(n) FROM (
  SELECT OLD.status AS status, g.grain, CAST(OLD.closed_at / g.grain AS INTEGER) AS bucket,
         OLD.close_reason AS close_reason, -1 AS n
    FROM (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE OLD.status IN ('won', 'lost') AND OLD.close_reason IS NOT NULL AND OLD.closed_at IS NOT NULL
      AND OLD.deleted_at IS NULL
  UNION ALL
  SELECT NEW.status AS status, g.grain, CAST(NEW.closed_at / g.grain AS INTEGER) AS bucket,
         NEW.close_reason AS close_reason, 1 AS n
    FROM (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
    WHERE NEW.status IN ('won', 'lost') AND NEW.close_reason IS NOT NULL AND NEW.closed_at IS NOT NULL
      AND NEW.deleted_at IS NULL) WHERE true GROUP BY status, grain, bucket, close_reason HAVING SUM(n) <> 0
  ON CONFLICT (status, grain, bucket, close_reason) DO UPDATE SET n = n + excluded.n;
END;

-- ---- SLA terms: a new follow-up allowance gets its counts from all MQLs once ---------------------------
CREATE TRIGGER agg_sla_terms_insert AFTER INSERT ON sla_terms
WHEN NOT EXISTS (SELECT 1 FROM agg_sla_follow_ups WHERE follow_up_ms = CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER))
BEGIN
  INSERT INTO agg_sla_follow_ups (follow_up_ms, grain, bucket, met, late)
  SELECT CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER), g.grain, CAST(l.mql_at / g.grain AS INTEGER),
         SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) <= l.mql_at + CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER)), SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) > l.mql_at + CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER))
    FROM leads l, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
   WHERE l.deleted_at IS NULL AND l.mql_at IS NOT NULL AND COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) IS NOT NULL
   GROUP BY 1, 2, 3;
END;

CREATE TRIGGER agg_sla_terms_update AFTER UPDATE OF follow_up_hours ON sla_terms
WHEN NOT EXISTS (SELECT 1 FROM agg_sla_follow_ups WHERE follow_up_ms = CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER))
BEGIN
  INSERT INTO agg_sla_follow_ups (follow_up_ms, grain, bucket, met, late)
  SELECT CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER), g.grain, CAST(l.mql_at / g.grain AS INTEGER),
         SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) <= l.mql_at + CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER)), SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) > l.mql_at + CAST(round(NEW.follow_up_hours * 3600000) AS INTEGER))
    FROM leads l, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
   WHERE l.deleted_at IS NULL AND l.mql_at IS NOT NULL AND COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) IS NOT NULL
   GROUP BY 1, 2, 3;
END;

