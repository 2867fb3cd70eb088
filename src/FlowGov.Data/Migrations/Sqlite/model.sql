CREATE TABLE "access_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "PK_access_tokens" PRIMARY KEY,
    "district" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NULL,
    "revoked_at" INTEGER NULL
);


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


CREATE TABLE "audit_log" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_log" PRIMARY KEY AUTOINCREMENT,
    "district" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NULL,
    "at" INTEGER NOT NULL,
    "source" TEXT NULL,
    "data" TEXT NULL
);


CREATE TABLE "bookmarks" (
    "id" TEXT NOT NULL CONSTRAINT "PK_bookmarks" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "activity_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NULL,
    "due_at" INTEGER NULL,
    "task_id" TEXT NULL,
    "created_at" INTEGER NOT NULL
);


CREATE TABLE "calendar_days" (
    "district" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NULL,
    CONSTRAINT "PK_calendar_days" PRIMARY KEY ("district", "day")
);


CREATE TABLE "calendars" (
    "district" TEXT NOT NULL CONSTRAINT "PK_calendars" PRIMARY KEY,
    "time_zone" TEXT NOT NULL,
    "weekend" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL
);


CREATE TABLE "definitions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_definitions" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content_json" TEXT NOT NULL,
    "content_hash" TEXT NULL,
    "author" TEXT NULL,
    "change_note" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "published_at" INTEGER NULL,
    "retired_at" INTEGER NULL,
    "revision" INTEGER NOT NULL,
    "forked_from_key" TEXT NULL,
    "forked_from_version" INTEGER NULL
);


CREATE TABLE "districts" (
    "district" TEXT NOT NULL CONSTRAINT "PK_districts" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "enabled" INTEGER NOT NULL
);


CREATE TABLE "idempotency_keys" (
    "user_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response_json" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("user_id", "key")
);


CREATE TABLE "incidents" (
    "id" TEXT NOT NULL CONSTRAINT "PK_incidents" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "activity_id" TEXT NOT NULL,
    "token_id" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "property" TEXT NULL,
    "line" INTEGER NULL,
    "column" INTEGER NULL,
    "at" INTEGER NOT NULL,
    "resolved" INTEGER NOT NULL,
    "resolved_at" INTEGER NULL
);


CREATE TABLE "instances" (
    "id" TEXT NOT NULL CONSTRAINT "PK_instances" PRIMARY KEY,
    "district" TEXT NOT NULL,
    "definition_key" TEXT NOT NULL,
    "definition_version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "business_key" TEXT NULL,
    "started_by" TEXT NULL,
    "org_unit" TEXT NULL,
    "parent_instance_id" TEXT NULL,
    "parent_bookmark_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "completed_at" INTEGER NULL,
    "state_json" TEXT NOT NULL,
    "revision" INTEGER NOT NULL
);


CREATE TABLE "journal" (
    "instance_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "district" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "activity_id" TEXT NULL,
    "activity_type" TEXT NULL,
    "port" TEXT NULL,
    "token_id" TEXT NULL,
    "actor" TEXT NULL,
    "at" INTEGER NOT NULL,
    "data" TEXT NULL,
    "message" TEXT NULL,
    CONSTRAINT "PK_journal" PRIMARY KEY ("instance_id", "sequence")
);


CREATE TABLE "notification_reads" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notification_reads" PRIMARY KEY AUTOINCREMENT,
    "district" TEXT NOT NULL,
    "notification_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "read_at" INTEGER NOT NULL
);


CREATE TABLE "org_units" (
    "id" TEXT NOT NULL CONSTRAINT "PK_org_units" PRIMARY KEY,
    "district" TEXT NOT NULL,
    "parent_id" TEXT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL
);


CREATE TABLE "outbox" (
    "id" TEXT NOT NULL CONSTRAINT "PK_outbox" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "activity_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "users" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "unit" TEXT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NULL,
    "url" TEXT NULL,
    "at" INTEGER NOT NULL,
    "dispatched_at" INTEGER NULL,
    "attempts" INTEGER NOT NULL
);


CREATE TABLE "role_assignments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_role_assignments" PRIMARY KEY AUTOINCREMENT,
    "district" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "org_unit_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);


CREATE TABLE "task_delegations" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_task_delegations" PRIMARY KEY AUTOINCREMENT,
    "district" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "from_user" TEXT NOT NULL,
    "to_user" TEXT NOT NULL,
    "at" INTEGER NOT NULL
);


CREATE TABLE "tasks" (
    "id" TEXT NOT NULL CONSTRAINT "PK_tasks" PRIMARY KEY,
    "instance_id" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "activity_id" TEXT NOT NULL,
    "bookmark_id" TEXT NOT NULL,
    "definition_key" TEXT NOT NULL,
    "definition_version" INTEGER NOT NULL,
    "form_key" TEXT NULL,
    "title" TEXT NOT NULL,
    "assignee" TEXT NULL,
    "candidate_roles" TEXT NOT NULL,
    "candidate_unit" TEXT NULL,
    "outcomes" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "deadline_state" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "warn_at" INTEGER NULL,
    "due_at" INTEGER NULL,
    "completed_at" INTEGER NULL,
    "outcome" TEXT NULL,
    "completed_by" TEXT NULL,
    "item_json" TEXT NULL,
    "item_index" INTEGER NULL
);


CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
    "district" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL,
    "failed_logins" INTEGER NOT NULL,
    "locked_until" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "last_login_at" INTEGER NULL
);


CREATE INDEX "IX_access_tokens_district_user_id" ON "access_tokens" ("district", "user_id");


CREATE UNIQUE INDEX "IX_access_tokens_token_hash" ON "access_tokens" ("token_hash");


CREATE INDEX "IX_attachments_district_hash" ON "attachments" ("district", "hash");


CREATE INDEX "IX_attachments_district_instance_id" ON "attachments" ("district", "instance_id");


CREATE INDEX "IX_attachments_district_task_id" ON "attachments" ("district", "task_id");


CREATE INDEX "IX_audit_log_district_at" ON "audit_log" ("district", "at");


CREATE INDEX "IX_bookmarks_due_at" ON "bookmarks" ("due_at") WHERE "due_at" IS NOT NULL;


CREATE INDEX "IX_bookmarks_key" ON "bookmarks" ("key") WHERE "key" IS NOT NULL;


CREATE UNIQUE INDEX "IX_definitions_district_key_version" ON "definitions" ("district", "key", "version");


CREATE INDEX "IX_idempotency_keys_created_at" ON "idempotency_keys" ("created_at");


CREATE INDEX "IX_incidents_district_resolved" ON "incidents" ("district", "resolved");


CREATE INDEX "IX_incidents_instance_id" ON "incidents" ("instance_id");


CREATE INDEX "IX_instances_district_business_key" ON "instances" ("district", "business_key");


CREATE INDEX "IX_instances_district_created_at" ON "instances" ("district", "created_at");


CREATE INDEX "IX_instances_district_definition_key_definition_version" ON "instances" ("district", "definition_key", "definition_version");


CREATE INDEX "IX_instances_district_org_unit" ON "instances" ("district", "org_unit");


CREATE INDEX "IX_instances_district_started_by_created_at" ON "instances" ("district", "started_by", "created_at");


CREATE INDEX "IX_instances_district_status_completed_at" ON "instances" ("district", "status", "completed_at");


CREATE INDEX "IX_instances_parent_bookmark_id" ON "instances" ("parent_bookmark_id");


CREATE UNIQUE INDEX "UX_instances_recurring_start" ON "instances" ("district", "definition_key", "business_key") WHERE "started_by" = 'system:cron';


CREATE UNIQUE INDEX "IX_notification_reads_district_user_id_notification_id" ON "notification_reads" ("district", "user_id", "notification_id");


CREATE INDEX "IX_org_units_district_parent_id" ON "org_units" ("district", "parent_id");


CREATE INDEX "IX_outbox_dispatched_at" ON "outbox" ("dispatched_at");


CREATE INDEX "IX_outbox_district_at" ON "outbox" ("district", "at");


CREATE INDEX "IX_outbox_instance_id" ON "outbox" ("instance_id");


CREATE INDEX "IX_role_assignments_district_org_unit_id" ON "role_assignments" ("district", "org_unit_id");


CREATE UNIQUE INDEX "IX_role_assignments_district_user_id_role_org_unit_id" ON "role_assignments" ("district", "user_id", "role", "org_unit_id");


CREATE INDEX "IX_task_delegations_district_from_user" ON "task_delegations" ("district", "from_user");


CREATE INDEX "IX_task_delegations_district_task_id" ON "task_delegations" ("district", "task_id");


CREATE INDEX "IX_tasks_district_created_at" ON "tasks" ("district", "created_at");


CREATE INDEX "IX_tasks_instance_id" ON "tasks" ("instance_id");


CREATE INDEX "IX_tasks_open_assigned" ON "tasks" ("district", "assignee", "due_at") WHERE "status" = 'Open' AND "assignee" IS NOT NULL;


CREATE INDEX "IX_tasks_open_unassigned" ON "tasks" ("district", "candidate_unit", "due_at") WHERE "status" = 'Open' AND "assignee" IS NULL;


CREATE INDEX "IX_users_district" ON "users" ("district");


CREATE UNIQUE INDEX "IX_users_user_name" ON "users" ("user_name");


