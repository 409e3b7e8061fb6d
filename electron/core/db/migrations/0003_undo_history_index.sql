-- Undo and the admin's history list read the newest events that carry raw rows (payload.changes). Most
-- events of a long-running wall carry none (imports over the undo limit, undo events, generated history),
-- so without this index the newest-first walk reads the whole log to find a few: ~430 ms at a million
-- events. The WHERE clause matches listEventsWithChanges in activity-repository.ts word for word, which is
-- what lets SQLite use a partial index.
CREATE INDEX activity_events_with_changes ON activity_events (seq)
  WHERE json_type(payload, '$.changes') = 'array' AND json_array_length(payload, '$.changes') > 0;
