-- 0014: 故障类型 on every fault (seeds 002 and 003 ask the record to name it), chosen from the
-- contract profile's list; blank for faults recorded before there was one (未分类).
ALTER TABLE faults ADD COLUMN fault_type TEXT NOT NULL DEFAULT '';
