-- 0013: the steps of a service record that the contracts time (seeds 002, 003, 004): the first
-- answer (回馈 / 应答), handing on (上交服务台 / 升级 / 应急方案), the call back (电话回馈), arrival on
-- site (到场); and, for a request that will be late, why and by when (003: 延期原因, 承诺完成时间).
-- The deadlines themselves are never stored: they are recomputed from these instants with the
-- profile's service rules.
ALTER TABLE service_records ADD COLUMN responded_at TEXT;
ALTER TABLE service_records ADD COLUMN escalated_at TEXT;
ALTER TABLE service_records ADD COLUMN called_back_at TEXT;
ALTER TABLE service_records ADD COLUMN on_site_at TEXT;
ALTER TABLE service_records ADD COLUMN delay_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE service_records ADD COLUMN promised_at TEXT;
