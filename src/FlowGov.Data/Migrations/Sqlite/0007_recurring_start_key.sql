-- 0007: one instance per recurring fire. A cron start's business key is triggerId@scheduledFireTime
-- (UTC); the job looked for an existing instance before starting, which a job rerun after a crash
-- between the start's commit and Quartz's completion passes safely, but two concurrent runs of the
-- same fire (a second node, a manual fire racing the schedule) could both pass. The index makes the
-- second commit fail; the job then finds the first instance and returns it.

CREATE UNIQUE INDEX "UX_instances_recurring_start" ON "instances" ("district", "definition_key", "business_key") WHERE "started_by" = 'system:cron';
