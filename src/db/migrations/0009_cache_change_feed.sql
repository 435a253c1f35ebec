-- The change feed of the caches (src/server/cache): every committed write sends pg_notify('zs_changes', tag)
-- with tag p:<project id>, u:<user id> or * (flush everything). The table of which table gives which tag is
-- mirrored in src/server/cache/tables.ts; test/integration/cache-tables.test.ts compares the two.
CREATE OR REPLACE FUNCTION zs_notify_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  recs jsonb[] := '{}';
  rec jsonb;
  i int;
  v text;
  tagged boolean;
BEGIN
  -- TG_ARGV: [untagged ('*' or 'none'), prefix, column, prefix, column, ...]
  IF TG_OP IN ('INSERT', 'UPDATE') THEN recs := recs || to_jsonb(NEW); END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN recs := recs || to_jsonb(OLD); END IF;
  FOREACH rec IN ARRAY recs LOOP
    tagged := false;
    i := 1;
    WHILE i + 1 < TG_NARGS LOOP
      v := rec ->> TG_ARGV[i + 1];
      IF v IS NOT NULL THEN
        PERFORM pg_notify('zs_changes', TG_ARGV[i] || ':' || v);
        tagged := true;
      END IF;
      i := i + 2;
    END LOOP;
    IF NOT tagged AND TG_ARGV[0] = '*' THEN PERFORM pg_notify('zs_changes', '*'); END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zs_notify_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV: the columns no other user's page shows; a change of only these sends u:<id> alone.
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('zs_changes', 'u:' || OLD.id::text); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('zs_changes', 'u:' || NEW.id::text); END IF;
  IF TG_OP <> 'UPDATE' OR (to_jsonb(NEW) - TG_ARGV::text[]) IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV::text[]) THEN
    PERFORM pg_notify('zs_changes', '*');
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zs_notify_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('zs_changes', '*');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "projects" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "projects" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "announcement_items" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "announcement_items" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "assessments" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "assessments" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('none', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "benchmark_recommendations" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "benchmark_recommendations" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "benchmarks" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "benchmarks" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "certificates" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "certificates" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "conflict_declarations" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id', 'u', 'user_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "conflict_declarations" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "contract_revisions" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "contract_revisions" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "contracts" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "contracts" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "deadlines" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "deadlines" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "disbursement_tranches" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "disbursement_tranches" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "expert_reviews" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "expert_reviews" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "material_requests" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "material_requests" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "materials" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "materials" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "notifications" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id', 'u', 'user_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "notifications" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "progress_notes" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "progress_notes" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "project_revisions" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "project_revisions" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "project_targets" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "project_targets" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "provider_choices" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "provider_choices" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "provider_ratings" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "provider_ratings" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "subsidy_applications" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "subsidy_applications" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "training_sessions" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "training_sessions" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "workflow_objects" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "workflow_objects" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "workflow_transitions" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'p', 'project_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "workflow_transitions" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "sessions" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*', 'u', 'user_id');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION zs_notify_users('password_hash', 'password_changed_at', 'last_sign_in_at', 'must_change_password', 'temp_password_until');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "announcements" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "announcements" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "bank_accounts" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "bank_accounts" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "budget_pools" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "budget_pools" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "calendar_years" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "calendar_years" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "decision_batches" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "decision_batches" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "delegations" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "delegations" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "disbursement_attempts" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "disbursement_attempts" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "files" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "files" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "objections" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "objections" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "organizations" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "organizations" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "products" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "products" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "provider_sanctions" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "provider_sanctions" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "subsidy_invoices" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "subsidy_invoices" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "subsidy_payments" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "subsidy_payments" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
--> statement-breakpoint
CREATE TRIGGER zs_changes_rows AFTER INSERT OR UPDATE OR DELETE ON "subsidy_policies" FOR EACH ROW EXECUTE FUNCTION zs_notify_rows('*');
--> statement-breakpoint
CREATE TRIGGER zs_changes_truncate AFTER TRUNCATE ON "subsidy_policies" FOR EACH STATEMENT EXECUTE FUNCTION zs_notify_all();
