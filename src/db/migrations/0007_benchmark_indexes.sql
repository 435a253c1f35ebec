CREATE INDEX "benchmarks_kind_idx" ON "benchmarks" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "benchmarks_published_idx" ON "benchmarks" USING btree ("published_at");