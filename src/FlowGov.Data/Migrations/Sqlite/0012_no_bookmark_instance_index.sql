-- 0012: no index on bookmarks.instance_id.
--
-- Counted per advance, its entry was a leaf of its own for every member of a group commit (keyed by
-- instance, so members never share it): dropping it wrote 11 % fewer bytes per transition with 16
-- grouped callers (docs/benchmarks.md, fifth session). The only query by instance is retention's
-- delete of a finished instance's bookmarks, which finds none in a healthy store (a finished
-- instance's bookmarks went with the advance that finished it); it now reads the open bookmarks
-- once per retention batch.
DROP INDEX "IX_bookmarks_instance_id";
