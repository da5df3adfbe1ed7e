-- 0015: when the month's 服务报告 was finalised (定稿) and handed to the client (报送): seed 004
-- wants it ready by the 30th and delivered by the 1st. Both are the engineer's statements, kept
-- with the report; the deadlines come from the contract profile.
ALTER TABLE monthly_reports ADD COLUMN ready_at TEXT;
ALTER TABLE monthly_reports ADD COLUMN delivered_at TEXT;
