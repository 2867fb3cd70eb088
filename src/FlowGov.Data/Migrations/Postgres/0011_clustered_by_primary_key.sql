-- 0011: SQLite's bookmarks table is clustered by id (WITHOUT ROWID). A PostgreSQL heap has no rowid
-- B-tree beside its primary key, so there is nothing to change here; the script keeps the two
-- providers' versions in step.
SELECT 1;
