-- Which MQLs changed, in order, so that the SLA's business-hours figures (worked out in code, kept per
-- connection) can redo the work of the leads that changed instead of the whole table after every write.
-- A NULL lead_rowid means "anything may have changed" (a bulk load, an owner renamed): work it all out again.
-- Only the newest entries are kept: a reader that fell further behind starts over.
CREATE TABLE sla_lead_changes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_rowid INTEGER
);

CREATE TRIGGER agg_sla_journal_lead_insert AFTER INSERT ON leads
  WHEN new.mql_at IS NOT NULL
BEGIN
  INSERT INTO sla_lead_changes (lead_rowid) VALUES (new.rowid);
END;

CREATE TRIGGER agg_sla_journal_lead_update
  AFTER UPDATE OF mql_at, first_follow_up_at, disqualified_at, deleted_at, name, company, owner_id ON leads
  WHEN old.mql_at IS NOT NULL OR new.mql_at IS NOT NULL
BEGIN
  INSERT INTO sla_lead_changes (lead_rowid) VALUES (new.rowid);
END;

CREATE TRIGGER agg_sla_journal_lead_delete AFTER DELETE ON leads
  WHEN old.mql_at IS NOT NULL
BEGIN
  INSERT INTO sla_lead_changes (lead_rowid) VALUES (old.rowid);
END;

CREATE TRIGGER sla_journal_owner_renamed AFTER UPDATE OF name ON people
  WHEN old.name IS NOT new.name
BEGIN
  INSERT INTO sla_lead_changes (lead_rowid) VALUES (NULL);
END;

CREATE TRIGGER sla_journal_prune AFTER INSERT ON sla_lead_changes
  WHEN new.seq % 1024 = 0
BEGIN
  DELETE FROM sla_lead_changes WHERE seq <= new.seq - 8192;
END;
