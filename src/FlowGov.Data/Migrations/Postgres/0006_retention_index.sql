-- 0005: retention finds a district's finished instances by completion time, oldest first, in
-- batches; (district, status) alone made every batch read and sort all finished rows. The new
-- index keeps (district, status) as its prefix, so the old one is redundant.

DROP INDEX "IX_instances_district_status";

CREATE INDEX "IX_instances_district_status_completed_at" ON instances (district, status, completed_at);

-- Retention deletes an instance's outbox and attachment rows by instance id.
CREATE INDEX "IX_outbox_instance_id" ON outbox (instance_id);

CREATE INDEX "IX_attachments_district_instance_id" ON attachments (district, instance_id);
