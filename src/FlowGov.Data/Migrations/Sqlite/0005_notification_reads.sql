-- 0005: per-reader read state of inbox notifications (outbox rows addressed to users or to a role
-- at a unit), and an index for listing a district's notifications newest first.

CREATE TABLE "notification_reads" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notification_reads" PRIMARY KEY AUTOINCREMENT,
    "district" TEXT NOT NULL,
    "notification_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "read_at" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_notification_reads_district_user_id_notification_id" ON "notification_reads" ("district", "user_id", "notification_id");

CREATE INDEX "IX_outbox_district_at" ON "outbox" ("district", "at");
