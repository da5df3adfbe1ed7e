-- Records are never hard-deleted from the user's view (痕迹化管理): cancelling a leave, deleting a
-- duty period, taking an engineer off a duty and removing a hand-entered deduction set deleted_at
-- (China-time RFC 3339) and hide the row from every list, derivation and export. The row, its uid
-- and its audit trail stay; a team archive carries deleted_at like any other value. Who deleted it
-- is the author of the sealed audit event.
ALTER TABLE attendance_leaves ADD COLUMN deleted_at TEXT;
ALTER TABLE duty_periods ADD COLUMN deleted_at TEXT;
-- A cancelled assignment keeps its UNIQUE (duty_id, engineer_id) place: assigning the same engineer
-- again revives the row (deleted_at cleared, presence and note reset) instead of inserting another.
ALTER TABLE duty_assignments ADD COLUMN deleted_at TEXT;
ALTER TABLE assessment_manual ADD COLUMN deleted_at TEXT;
