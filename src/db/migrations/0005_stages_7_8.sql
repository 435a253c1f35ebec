CREATE TABLE "announcement_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"announcement_id" uuid NOT NULL,
	"project_id" uuid,
	"enterprise_name" text NOT NULL,
	"project_name" text,
	"town_code" text,
	"amount_fen" bigint,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"office_name" text NOT NULL,
	"office_contact" text,
	"office_org_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"working_days" integer DEFAULT 7 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"final_at" timestamp with time zone,
	"batch_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"cipher" text NOT NULL,
	"last4" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "benchmarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"recommendation_id" bigint,
	"kind" text NOT NULL,
	"object_id" uuid NOT NULL,
	"review_opinion" text,
	"award_fen" bigint,
	"previous_award_fen" bigint DEFAULT 0 NOT NULL,
	"payable_fen" bigint,
	"pool_id" uuid,
	"policy_id" uuid,
	"designated_by" uuid,
	"designated_at" timestamp with time zone,
	"award_approved_by" uuid,
	"award_approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"fund_source" text NOT NULL,
	"name" text NOT NULL,
	"total_fen" bigint NOT NULL,
	"committed_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_pools_within_total" CHECK ("budget_pools"."committed_fen" >= 0 and "budget_pools"."committed_fen" <= "budget_pools"."total_fen"),
	CONSTRAINT "budget_pools_paid_within_committed" CHECK ("budget_pools"."paid_fen" >= 0 and "budget_pools"."paid_fen" <= "budget_pools"."committed_fen")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"code" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"project_name" text NOT NULL,
	"filing_no" text,
	"level" integer NOT NULL,
	"funded" boolean DEFAULT false NOT NULL,
	"issued_on" date NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"minutes_ref" text,
	"pool_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"announcement_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disbursement_attempts" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"tranche_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disbursement_tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"line" text NOT NULL,
	"application_id" uuid,
	"benchmark_id" uuid,
	"pool_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"basis" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"object_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"voucher_no" text,
	"bank_account_id" uuid,
	"paid_at" timestamp with time zone,
	"paid_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursement_tranches_positive" CHECK ("disbursement_tranches"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "expert_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"expert_user_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"declared_at" timestamp with time zone,
	"recused" boolean DEFAULT false NOT NULL,
	"recusal_reason" text,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total_score" integer,
	"recommended_fen" bigint,
	"opinion" text,
	"submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pool_id" uuid NOT NULL,
	"project_id" uuid,
	"kind" text NOT NULL,
	"line" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"ref_type" text NOT NULL,
	"ref_id" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"announcement_id" uuid NOT NULL,
	"item_id" uuid,
	"objector_name" text NOT NULL,
	"contact" text NOT NULL,
	"is_organisation" boolean DEFAULT false NOT NULL,
	"organisation_name" text,
	"facts" text NOT NULL,
	"evidence" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"finding" text,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"sender_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"policy_id" uuid,
	"review_object_id" uuid,
	"declarations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"other_funding_fen" bigint DEFAULT 0 NOT NULL,
	"other_funding_note" text,
	"calculation" jsonb,
	"verified_investment_fen" bigint,
	"suggested_fen" bigint,
	"approved_fen" bigint,
	"pool_id" uuid,
	"batch_id" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"on_behalf_of_org_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_applications_approved_within_suggested" CHECK ("subsidy_applications"."approved_fen" is null or ("subsidy_applications"."approved_fen" >= 0 and "subsidy_applications"."approved_fen" <= "subsidy_applications"."suggested_fen"))
);
--> statement-breakpoint
CREATE TABLE "subsidy_invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"tax_fen" bigint DEFAULT 0 NOT NULL,
	"cost_class" text NOT NULL,
	"seller" text,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"payee" text,
	"reference" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"rules" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"created_by" uuid,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "above_scale" boolean;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "spts_grade" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "spts_year" integer;--> statement-breakpoint
ALTER TABLE "announcement_items" ADD CONSTRAINT "announcement_items_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_attempts" ADD CONSTRAINT "disbursement_attempts_tranche_id_disbursement_tranches_id_fk" FOREIGN KEY ("tranche_id") REFERENCES "public"."disbursement_tranches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_tranches" ADD CONSTRAINT "disbursement_tranches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursement_tranches" ADD CONSTRAINT "disbursement_tranches_pool_id_budget_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."budget_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_reviews" ADD CONSTRAINT "expert_reviews_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_pool_id_budget_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."budget_pools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_invoices" ADD CONSTRAINT "subsidy_invoices_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payments" ADD CONSTRAINT "subsidy_payments_application_id_subsidy_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."subsidy_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcement_items_announcement_idx" ON "announcement_items" USING btree ("announcement_id","position");--> statement-breakpoint
CREATE INDEX "announcement_items_project_idx" ON "announcement_items" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "announcements_kind_idx" ON "announcements" USING btree ("kind","starts_on");--> statement-breakpoint
CREATE INDEX "announcements_status_idx" ON "announcements" USING btree ("status","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_current_uq" ON "bank_accounts" USING btree ("org_id") WHERE "bank_accounts"."superseded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "benchmarks_recommendation_uq" ON "benchmarks" USING btree ("recommendation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "benchmarks_object_uq" ON "benchmarks" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "benchmarks_created_idx" ON "benchmarks" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "benchmarks_enterprise_idx" ON "benchmarks" USING btree ("enterprise_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_pools_year_source_uq" ON "budget_pools" USING btree ("year","fund_source");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_uq" ON "certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_project_uq" ON "certificates" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "decision_batches_kind_idx" ON "decision_batches" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "disbursement_attempts_tranche_idx" ON "disbursement_attempts" USING btree ("tranche_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_tranches_object_uq" ON "disbursement_tranches" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "disbursement_tranches_line_idx" ON "disbursement_tranches" USING btree ("line","created_at");--> statement-breakpoint
CREATE INDEX "disbursement_tranches_project_idx" ON "disbursement_tranches" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "disbursement_tranches_line_uq" ON "disbursement_tranches" USING btree ("line","application_id","benchmark_id");--> statement-breakpoint
CREATE UNIQUE INDEX "expert_reviews_assignment_uq" ON "expert_reviews" USING btree ("application_id","expert_user_id");--> statement-breakpoint
CREATE INDEX "expert_reviews_expert_idx" ON "expert_reviews" USING btree ("expert_user_id","submitted_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_pool_idx" ON "ledger_entries" USING btree ("pool_id","at");--> statement-breakpoint
CREATE INDEX "ledger_entries_project_idx" ON "ledger_entries" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "ledger_entries_ref_idx" ON "ledger_entries" USING btree ("ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "objections_announcement_idx" ON "objections" USING btree ("announcement_id","status");--> statement-breakpoint
CREATE INDEX "objections_status_idx" ON "objections" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_applications_round_uq" ON "subsidy_applications" USING btree ("project_id","round");--> statement-breakpoint
CREATE INDEX "subsidy_applications_submitted_idx" ON "subsidy_applications" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "subsidy_applications_batch_idx" ON "subsidy_applications" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_invoices_number_uq" ON "subsidy_invoices" USING btree ("application_id","number");--> statement-breakpoint
CREATE INDEX "subsidy_invoices_application_idx" ON "subsidy_invoices" USING btree ("application_id","position");--> statement-breakpoint
CREATE INDEX "subsidy_payments_application_idx" ON "subsidy_payments" USING btree ("application_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_policies_version_uq" ON "subsidy_policies" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "subsidy_policies_effective_idx" ON "subsidy_policies" USING btree ("status","effective_from");--> statement-breakpoint
CREATE INDEX "workflow_objects_kind_state_idx" ON "workflow_objects" USING btree ("kind","state","state_changed_at");