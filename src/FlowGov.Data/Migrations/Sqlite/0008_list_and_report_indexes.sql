-- 0008: the instance list, "my reported instances" and the period reports read a district's rows by
-- creation time. Without these indexes each of them read every instance (or task) of the district
-- and sorted it: flat at 1k instances, seconds at 1M.

-- The instance list page, newest first (ORDER BY created_at DESC, id DESC), and its capped count.
CREATE INDEX "IX_instances_district_created_at" ON "instances" ("district", "created_at");

-- "My reported instances": one person's starts, newest first.
CREATE INDEX "IX_instances_district_started_by_created_at" ON "instances" ("district", "started_by", "created_at");

-- Reports restricted to an org unit's subtree: instances started at one of its units.
CREATE INDEX "IX_instances_district_org_unit" ON "instances" ("district", "org_unit");

-- Task reports (SLA, overdue, tasks.csv): tasks created in the period.
CREATE INDEX "IX_tasks_district_created_at" ON "tasks" ("district", "created_at");
