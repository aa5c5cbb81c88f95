CREATE TYPE "public"."event_action" AS ENUM('added', 'changed', 'moved', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."event_entity" AS ENUM('palace', 'room', 'door', 'concept', 'locus', 'link', 'member', 'invite');--> statement-breakpoint
CREATE TABLE "review_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"palace_id" uuid NOT NULL,
	"concept_id" uuid NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"stability" double precision NOT NULL,
	"difficulty" double precision NOT NULL,
	"elapsed_days" integer NOT NULL,
	"scheduled_days" integer NOT NULL,
	"learning_steps" integer NOT NULL,
	"reps" integer NOT NULL,
	"lapses" integer NOT NULL,
	"state" smallint NOT NULL,
	"last_review" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_cards_state_range" CHECK ("review_cards"."state" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "review_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"palace_id" uuid NOT NULL,
	"concept_id" uuid NOT NULL,
	"idempotency_key" uuid NOT NULL,
	"rating" smallint NOT NULL,
	"state" smallint NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"stability" double precision NOT NULL,
	"difficulty" double precision NOT NULL,
	"elapsed_days" integer NOT NULL,
	"last_elapsed_days" integer NOT NULL,
	"scheduled_days" integer NOT NULL,
	"learning_steps" integer NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer,
	CONSTRAINT "review_logs_rating_range" CHECK ("review_logs"."rating" between 1 and 4),
	CONSTRAINT "review_logs_duration_positive" CHECK ("review_logs"."duration_ms" is null or "review_logs"."duration_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"desired_retention" double precision DEFAULT 0.9 NOT NULL,
	"maximum_interval" integer DEFAULT 365 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_settings_retention_range" CHECK ("user_settings"."desired_retention" between 0.7 and 0.97),
	CONSTRAINT "user_settings_interval_range" CHECK ("user_settings"."maximum_interval" between 1 and 36500)
);
--> statement-breakpoint
CREATE TABLE "palace_event_heads" (
	"palace_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "palace_events" (
	"palace_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"actor_id" text,
	"action" "event_action" NOT NULL,
	"entity" "event_entity" NOT NULL,
	"entity_id" text NOT NULL,
	"version" integer,
	"label" varchar(200) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "palace_events_palace_id_seq_pk" PRIMARY KEY("palace_id","seq")
);
--> statement-breakpoint
CREATE TABLE "palace_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"palace_id" uuid NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"role" "palace_role" NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "palace_invites_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "palace_invites_role_not_owner" CHECK ("palace_invites"."role" <> 'owner')
);
--> statement-breakpoint
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_concept_id_palace_id_concepts_id_palace_id_fk" FOREIGN KEY ("concept_id","palace_id") REFERENCES "public"."concepts"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_logs" ADD CONSTRAINT "review_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_logs" ADD CONSTRAINT "review_logs_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_logs" ADD CONSTRAINT "review_logs_concept_id_palace_id_concepts_id_palace_id_fk" FOREIGN KEY ("concept_id","palace_id") REFERENCES "public"."concepts"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_event_heads" ADD CONSTRAINT "palace_event_heads_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_events" ADD CONSTRAINT "palace_events_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_events" ADD CONSTRAINT "palace_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_invites" ADD CONSTRAINT "palace_invites_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_invites" ADD CONSTRAINT "palace_invites_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_cards_user_concept_unique" ON "review_cards" USING btree ("user_id","concept_id");--> statement-breakpoint
CREATE INDEX "review_cards_user_id_due_index" ON "review_cards" USING btree ("user_id","due");--> statement-breakpoint
CREATE INDEX "review_cards_palace_id_index" ON "review_cards" USING btree ("palace_id");--> statement-breakpoint
CREATE INDEX "review_cards_concept_id_index" ON "review_cards" USING btree ("concept_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_logs_idempotency_unique" ON "review_logs" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "review_logs_user_id_reviewed_at_index" ON "review_logs" USING btree ("user_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "review_logs_palace_id_reviewed_at_index" ON "review_logs" USING btree ("palace_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "review_logs_concept_id_index" ON "review_logs" USING btree ("concept_id");--> statement-breakpoint
CREATE INDEX "palace_invites_palace_id_index" ON "palace_invites" USING btree ("palace_id");