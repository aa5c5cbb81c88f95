CREATE TABLE "fsrs_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"claimed_by" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"review_count" integer,
	"held_out_count" integer,
	"default_log_loss" double precision,
	"default_rmse" double precision,
	"fitted_log_loss" double precision,
	"fitted_rmse" double precision,
	"parameters" double precision[],
	"adopted" boolean,
	"outcome" text,
	"fit_ms" integer,
	CONSTRAINT "fsrs_jobs_status" CHECK ("fsrs_jobs"."status" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "fsrs_jobs_reason" CHECK ("fsrs_jobs"."reason" in ('manual', 'auto'))
);
--> statement-breakpoint
CREATE TABLE "fsrs_parameters" (
	"user_id" text PRIMARY KEY NOT NULL,
	"parameters" double precision[] NOT NULL,
	"job_id" uuid,
	"adopted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fsrs_jobs" ADD CONSTRAINT "fsrs_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fsrs_parameters" ADD CONSTRAINT "fsrs_parameters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fsrs_parameters" ADD CONSTRAINT "fsrs_parameters_job_id_fsrs_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."fsrs_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fsrs_jobs_one_open_per_user" ON "fsrs_jobs" USING btree ("user_id") WHERE "fsrs_jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "fsrs_jobs_status_created_at_index" ON "fsrs_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "fsrs_jobs_user_id_finished_at_index" ON "fsrs_jobs" USING btree ("user_id","finished_at");