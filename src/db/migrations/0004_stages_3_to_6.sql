CREATE TABLE "benchmark_recommendations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"report_object_id" uuid,
	"institution_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reasons" text NOT NULL,
	"status" text DEFAULT 'recommended' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_declarations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"institution_org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_revisions" (
	"project_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_by" uuid,
	"on_behalf_of_org_id" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_revisions_project_id_revision_pk" PRIMARY KEY("project_id","revision")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"contract_no" text DEFAULT '' NOT NULL,
	"amount_fen" bigint,
	"amount_ex_tax_fen" bigint,
	"signed_on" date,
	"period_start" date,
	"period_end" date,
	"parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"targets_text" text DEFAULT '' NOT NULL,
	"late_reason" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"updated_by" uuid,
	"on_behalf_of_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_org_id" uuid NOT NULL,
	"on_behalf_of_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"unit" text DEFAULT '%' NOT NULL,
	"baseline" numeric(14, 2),
	"target" numeric(14, 2),
	"measured" numeric(14, 2),
	"measured_by" uuid,
	"measured_at" timestamp with time zone,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"route" text NOT NULL,
	"provider_org_id" uuid,
	"product_id" uuid,
	"market_provider_name" text,
	"market_product_name" text,
	"recommender_org_id" uuid,
	"catalog_entry_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"chosen_by" uuid NOT NULL,
	"chosen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "provider_ratings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"timeliness" smallint NOT NULL,
	"quality" smallint NOT NULL,
	"service" smallint NOT NULL,
	"price" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_sanctions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"due_on" date,
	"response" text,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lift_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"trainer" text NOT NULL,
	"trainees" integer NOT NULL,
	"trainee_names" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_org_id" uuid NOT NULL,
	"on_behalf_of_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "item_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "parent_group" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "price_min_fen" bigint;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "price_max_fen" bigint;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "industries" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "delivery_days" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "references" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "entry_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "provider_route" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "product_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "accepted_on" date;--> statement-breakpoint
ALTER TABLE "benchmark_recommendations" ADD CONSTRAINT "benchmark_recommendations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_revisions" ADD CONSTRAINT "contract_revisions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_notes" ADD CONSTRAINT "progress_notes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_targets" ADD CONSTRAINT "project_targets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_choices" ADD CONSTRAINT "provider_choices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_choices" ADD CONSTRAINT "provider_choices_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_choices" ADD CONSTRAINT "provider_choices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_choices" ADD CONSTRAINT "provider_choices_recommender_org_id_organizations_id_fk" FOREIGN KEY ("recommender_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_ratings" ADD CONSTRAINT "provider_ratings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_sanctions" ADD CONSTRAINT "provider_sanctions_provider_org_id_organizations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benchmark_recommendations_project_idx" ON "benchmark_recommendations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "benchmark_recommendations_status_idx" ON "benchmark_recommendations" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "conflict_declarations_project_idx" ON "conflict_declarations" USING btree ("project_id","institution_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_project_uq" ON "contracts" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "progress_notes_project_idx" ON "progress_notes" USING btree ("project_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_targets_key_uq" ON "project_targets" USING btree ("project_id","key");--> statement-breakpoint
CREATE INDEX "provider_choices_project_idx" ON "provider_choices" USING btree ("project_id","chosen_at");--> statement-breakpoint
CREATE INDEX "provider_choices_recommender_idx" ON "provider_choices" USING btree ("recommender_org_id") WHERE "provider_choices"."cleared_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "provider_ratings_project_uq" ON "provider_ratings" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "provider_ratings_provider_idx" ON "provider_ratings" USING btree ("provider_org_id","created_at");--> statement-breakpoint
CREATE INDEX "provider_sanctions_provider_idx" ON "provider_sanctions" USING btree ("provider_org_id","created_at");--> statement-breakpoint
CREATE INDEX "provider_sanctions_suspended_idx" ON "provider_sanctions" USING btree ("provider_org_id") WHERE "provider_sanctions"."kind" = 'suspension' and "provider_sanctions"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "training_sessions_project_idx" ON "training_sessions" USING btree ("project_id","held_on");--> statement-breakpoint
CREATE INDEX "products_scenes_idx" ON "products" USING gin ("scenes");--> statement-breakpoint
CREATE INDEX "products_industries_idx" ON "products" USING gin ("industries");--> statement-breakpoint
CREATE INDEX "products_price_idx" ON "products" USING btree ("price_min_fen") WHERE "products"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "projects_provider_idx" ON "projects" USING btree ("provider_org_id","state") WHERE "projects"."provider_org_id" is not null;