CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"entry" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"object_type" text NOT NULL,
	"object_id" uuid NOT NULL,
	"project_id" uuid,
	"state" text NOT NULL,
	"assignee_org_id" uuid,
	"waiting_role" text NOT NULL,
	"started_on" date NOT NULL,
	"due_on" date NOT NULL,
	"remind_on" date,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"format" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "material_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"slot_keys" text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"due_on" date,
	"requested_by" uuid NOT NULL,
	"requested_by_org_id" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "materials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"object_type" text NOT NULL,
	"object_id" uuid NOT NULL,
	"project_id" uuid,
	"slot_key" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"state" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploader_org_id" uuid NOT NULL,
	"on_behalf_of_org_id" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"outbox_id" bigint,
	"project_id" uuid,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_objects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"workflow_version" text NOT NULL,
	"state" text NOT NULL,
	"project_id" uuid,
	"assignee_org_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"object_type" text NOT NULL,
	"object_id" uuid NOT NULL,
	"project_id" uuid,
	"workflow_version" text NOT NULL,
	"event" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"actor_role" text NOT NULL,
	"on_behalf_of_org_id" uuid,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_revisions" ADD COLUMN "kind" text DEFAULT 'submission' NOT NULL;--> statement-breakpoint
ALTER TABLE "project_revisions" ADD COLUMN "changed_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "pilot_managed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "pilot_enterprise_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "material_requests" ADD CONSTRAINT "material_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_file_sha256_files_sha256_fk" FOREIGN KEY ("file_sha256") REFERENCES "public"."files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_objects" ADD CONSTRAINT "workflow_objects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deadlines_object_idx" ON "deadlines" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "deadlines_open_due_idx" ON "deadlines" USING btree ("due_on") WHERE "deadlines"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "deadlines_open_remind_idx" ON "deadlines" USING btree ("remind_on") WHERE "deadlines"."closed_at" is null and "deadlines"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "deadlines_open_assignee_idx" ON "deadlines" USING btree ("assignee_org_id","due_on") WHERE "deadlines"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "deadlines_open_project_idx" ON "deadlines" USING btree ("project_id") WHERE "deadlines"."closed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_uq" ON "deliveries" USING btree ("outbox_id","user_id","channel");--> statement-breakpoint
CREATE INDEX "material_requests_project_idx" ON "material_requests" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "materials_object_idx" ON "materials" USING btree ("object_type","object_id","slot_key","id");--> statement-breakpoint
CREATE INDEX "materials_project_idx" ON "materials" USING btree ("project_id","slot_key","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_delivery_uq" ON "notifications" USING btree ("outbox_id","user_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_uq" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at","id") WHERE "outbox"."done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_objects_version_uq" ON "workflow_objects" USING btree ("project_id","kind","version");--> statement-breakpoint
CREATE INDEX "workflow_objects_assignee_idx" ON "workflow_objects" USING btree ("assignee_org_id","kind","state");--> statement-breakpoint
CREATE INDEX "workflow_transitions_object_idx" ON "workflow_transitions" USING btree ("object_type","object_id","id");--> statement-breakpoint
CREATE INDEX "workflow_transitions_project_idx" ON "workflow_transitions" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "projects_diagnosis_institution_idx" ON "projects" USING btree ("diagnosis_institution_id","state") WHERE "projects"."diagnosis_institution_id" is not null;--> statement-breakpoint
CREATE INDEX "projects_evaluation_institution_idx" ON "projects" USING btree ("evaluation_institution_id","state") WHERE "projects"."evaluation_institution_id" is not null;--> statement-breakpoint
CREATE INDEX "projects_pilot_enterprise_idx" ON "projects" USING btree ("enterprise_id") WHERE "projects"."pilot_enterprise_at" is not null;