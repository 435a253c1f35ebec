CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"catalog_version" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb NOT NULL,
	"result" jsonb,
	"base_milli" integer,
	"level" smallint,
	"filled_by_org_id" uuid NOT NULL,
	"pledged_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"on_behalf_of_org_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"project_id" uuid,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"agent_org_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "filing_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"uscc" text,
	"town_code" text,
	"industry_code" text,
	"employees" integer,
	"annual_revenue_fen" bigint,
	"sme_size" text,
	"contact_name" text,
	"contact_mobile" text,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"scenes" text[] DEFAULT '{}'::text[] NOT NULL,
	"indicators" text[] DEFAULT '{}'::text[] NOT NULL,
	"price_fen" bigint,
	"status" text DEFAULT 'approved' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_revisions" (
	"project_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_revisions_project_id_revision_pk" PRIMARY KEY("project_id","revision")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"filing_no" text,
	"workflow_version" text NOT NULL,
	"state" text NOT NULL,
	"stage" smallint NOT NULL,
	"title" text NOT NULL,
	"situation" text DEFAULT '' NOT NULL,
	"needs" text DEFAULT '' NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"planned_investment_fen" bigint DEFAULT 0 NOT NULL,
	"planned_start" date,
	"planned_end" date,
	"diagnosis_mode" text NOT NULL,
	"town_code" text NOT NULL,
	"industry_code" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"uscc" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"publication_withdrawn_reason" text,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"diagnosis_institution_id" uuid,
	"evaluation_institution_id" uuid,
	"provider_org_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_meta" (
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "system_meta_key_pk" PRIMARY KEY("key")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mobile" text,
	"email" text,
	"password_hash" text NOT NULL,
	"member_role" text DEFAULT 'member' NOT NULL,
	"bureau_role" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_enterprise_id_organizations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_filled_by_org_id_organizations_id_fk" FOREIGN KEY ("filled_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_enterprise_id_organizations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_agent_org_id_organizations_id_fk" FOREIGN KEY ("agent_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_revisions" ADD CONSTRAINT "project_revisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_enterprise_id_organizations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_project_idx" ON "assessments" USING btree ("project_id","mode","created_at");--> statement-breakpoint
CREATE INDEX "assessments_filler_idx" ON "assessments" USING btree ("filled_by_org_id","updated_at");--> statement-breakpoint
CREATE INDEX "audit_project_idx" ON "audit_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "audit_target_idx" ON "audit_events" USING btree ("target_type","target_id","id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_events" USING btree ("actor_org_id","id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "delegations_enterprise_idx" ON "delegations" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "delegations_agent_idx" ON "delegations" USING btree ("agent_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_uscc_uq" ON "organizations" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "organizations_type_idx" ON "organizations" USING btree ("type","name");--> statement-breakpoint
CREATE INDEX "organizations_town_idx" ON "organizations" USING btree ("town_code");--> statement-breakpoint
CREATE INDEX "products_status_idx" ON "products" USING btree ("status","name");--> statement-breakpoint
CREATE INDEX "products_provider_idx" ON "products" USING btree ("provider_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_filing_no_uq" ON "projects" USING btree ("filing_no");--> statement-breakpoint
CREATE INDEX "projects_enterprise_idx" ON "projects" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE INDEX "projects_public_town_idx" ON "projects" USING btree ("town_code","submitted_at") WHERE "projects"."published";--> statement-breakpoint
CREATE INDEX "projects_public_idx" ON "projects" USING btree ("submitted_at") WHERE "projects"."published";--> statement-breakpoint
CREATE INDEX "projects_filed_stage_idx" ON "projects" USING btree ("stage","updated_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_state_idx" ON "projects" USING btree ("state","updated_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_town_idx" ON "projects" USING btree ("town_code","updated_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_industry_idx" ON "projects" USING btree ("industry_code","updated_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_submitted_idx" ON "projects" USING btree ("submitted_at") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_updated_idx" ON "projects" USING btree ("updated_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_mobile_uq" ON "users" USING btree ("mobile");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("org_id");