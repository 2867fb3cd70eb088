-- 0009: indexes that every advance wrote pages of for nothing.
--
-- The bookmark lookups by signal key, due time and task become partial indexes, covering only
-- the bookmarks that have one. A task's bookmark has no due time or key and its deadline timer no
-- task or key, so the full indexes held a NULL entry for every bookmark in each — and every advance,
-- which deletes a task's two bookmarks and inserts the next task's two, rewrote pages of all three
-- for them (about 4 of the ~30 pages a single transition wrote). Every query that used these
-- indexes compares the column to a value, which implies IS NOT NULL, so they still use them.

DROP INDEX "IX_bookmarks_key";
CREATE INDEX "IX_bookmarks_key" ON "bookmarks" ("key") WHERE "key" IS NOT NULL;

DROP INDEX "IX_bookmarks_due_at";
CREATE INDEX "IX_bookmarks_due_at" ON "bookmarks" ("due_at") WHERE "due_at" IS NOT NULL;

DROP INDEX "IX_bookmarks_task_id";
CREATE INDEX "IX_bookmarks_task_id" ON "bookmarks" ("task_id") WHERE "task_id" IS NOT NULL;

-- The journal is read by instance (its primary key) and nothing reads it by district and time: the
-- index from 0001 only cost each advance's two or three journal rows their entries (~1.5 pages).
DROP INDEX "IX_journal_district_at";
