-- 0010: fewer index entries written per advance, measured frame by frame in the WAL.
--
-- The two inbox indexes held every task, closed ones included, with the status as their second
-- column: completing a task moved its entry from the 'Open' range to the 'Completed' one (two
-- pages), and a task without an assignee still had an entry in the assignee index. Every inbox
-- query asks for open tasks, by assignee or unassigned by role and unit, so each index now covers
-- exactly the open tasks it serves: a completed task leaves one page, an unassigned task never
-- enters the assignee index. Queries on closed tasks go by instance or by creation time.
DROP INDEX "IX_tasks_district_status_assignee_due_at";
CREATE INDEX "IX_tasks_open_assigned" ON "tasks" ("district", "assignee", "due_at") WHERE "status" = 'Open' AND "assignee" IS NOT NULL;

DROP INDEX "IX_tasks_district_status_candidate_unit_due_at";
CREATE INDEX "IX_tasks_open_unassigned" ON "tasks" ("district", "candidate_unit", "due_at") WHERE "status" = 'Open' AND "assignee" IS NULL;

-- A task's bookmark is found through the task row's bookmark_id (two primary-key seeks); the index
-- on bookmarks.task_id only cost each advance an entry out and an entry in.
DROP INDEX "IX_bookmarks_task_id";
