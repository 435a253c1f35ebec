DROP INDEX "projects_filed_updated_idx";--> statement-breakpoint
DROP INDEX "projects_public_town_idx";--> statement-breakpoint
DROP INDEX "projects_public_idx";--> statement-breakpoint
DROP INDEX "projects_filed_stage_idx";--> statement-breakpoint
DROP INDEX "projects_filed_state_idx";--> statement-breakpoint
DROP INDEX "projects_filed_town_idx";--> statement-breakpoint
DROP INDEX "projects_filed_industry_idx";--> statement-breakpoint
DROP INDEX "projects_filed_submitted_idx";--> statement-breakpoint
CREATE INDEX "organizations_enterprise_name_idx" ON "organizations" USING btree (lower(translate("name", '（）　 ', '()'))) WHERE "organizations"."type" = 'enterprise';--> statement-breakpoint
CREATE INDEX "projects_public_industry_idx" ON "projects" USING btree ("industry_code","submitted_at","id") WHERE "projects"."published";--> statement-breakpoint
CREATE INDEX "projects_filed_town_stage_idx" ON "projects" USING btree ("town_code","stage","submitted_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_industry_stage_idx" ON "projects" USING btree ("industry_code","stage","submitted_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_uscc_idx" ON "projects" USING btree ("uscc","submitted_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_public_town_idx" ON "projects" USING btree ("town_code","submitted_at","id") WHERE "projects"."published";--> statement-breakpoint
CREATE INDEX "projects_public_idx" ON "projects" USING btree ("submitted_at","id") WHERE "projects"."published";--> statement-breakpoint
CREATE INDEX "projects_filed_stage_idx" ON "projects" USING btree ("stage","submitted_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_state_idx" ON "projects" USING btree ("state","submitted_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_town_idx" ON "projects" USING btree ("town_code","submitted_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_industry_idx" ON "projects" USING btree ("industry_code","submitted_at","id") WHERE "projects"."submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "projects_filed_submitted_idx" ON "projects" USING btree ("submitted_at","id") WHERE "projects"."submitted_at" is not null;