-- 0002: accounts (users, roles held at org units, personal access tokens), idempotency keys of
-- task submissions, task delegations. Generated from the EF model diff (model.sql).

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


CREATE INDEX "IX_idempotency_keys_created_at" ON "idempotency_keys" ("created_at");


CREATE INDEX "IX_role_assignments_district_org_unit_id" ON "role_assignments" ("district", "org_unit_id");


CREATE UNIQUE INDEX "IX_role_assignments_district_user_id_role_org_unit_id" ON "role_assignments" ("district", "user_id", "role", "org_unit_id");


CREATE INDEX "IX_task_delegations_district_from_user" ON "task_delegations" ("district", "from_user");


CREATE INDEX "IX_task_delegations_district_task_id" ON "task_delegations" ("district", "task_id");




CREATE INDEX "IX_users_district" ON "users" ("district");


CREATE UNIQUE INDEX "IX_users_user_name" ON "users" ("user_name");
