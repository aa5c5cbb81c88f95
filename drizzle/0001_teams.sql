CREATE TYPE "public"."event_action" AS ENUM('added', 'changed', 'moved', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."event_entity" AS ENUM('palace', 'room', 'door', 'concept', 'locus', 'link', 'member', 'invite');--> statement-breakpoint
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
ALTER TABLE "palace_event_heads" ADD CONSTRAINT "palace_event_heads_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_events" ADD CONSTRAINT "palace_events_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_events" ADD CONSTRAINT "palace_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_invites" ADD CONSTRAINT "palace_invites_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_invites" ADD CONSTRAINT "palace_invites_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "palace_invites_palace_id_index" ON "palace_invites" USING btree ("palace_id");