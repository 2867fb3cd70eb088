-- 0004: metadata of files uploaded for tasks' photo/file fields. The bytes are content-addressed
-- (SHA-256) in <DataDirectory>/attachments; a district may read a file only through its own row.

CREATE TABLE "attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_attachments" PRIMARY KEY AUTOINCREMENT,
    "district" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content_type" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" INTEGER NOT NULL,
    "instance_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "field_key" TEXT NOT NULL
);

CREATE INDEX "IX_attachments_district_hash" ON "attachments" ("district", "hash");

CREATE INDEX "IX_attachments_district_task_id" ON "attachments" ("district", "task_id");
