-- Placeholder for a migration number reserved for another branch; replaced by that branch's file at merge.
SELECT 1;
