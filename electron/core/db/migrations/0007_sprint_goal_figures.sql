-- A sprint goal may be tied to a figure the app computes over the sprint's dates (docs/metrics.md, sprints);
-- its progress then follows the data and `current` is not used. NULL: a typed goal, whose progress people
-- enter. The list matches SPRINT_GOAL_FIGURES in src/shared/domain.ts.
ALTER TABLE sprint_goals ADD COLUMN figure TEXT
  CHECK (figure IS NULL OR figure IN ('mqls_delivered', 'sqls', 'new_customers', 'lead_reviews', 'follow_up_compliance'));
