CREATE TYPE "public"."concept_kind" AS ENUM('layer', 'block', 'loss', 'optimizer', 'technique', 'failure-mode', 'paper', 'other');--> statement-breakpoint
CREATE TYPE "public"."locus_shape" AS ENUM('pedestal', 'cube', 'sphere', 'book', 'lamp');--> statement-breakpoint
CREATE TYPE "public"."palace_role" AS ENUM('owner', 'editor', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."palace_visibility" AS ENUM('private', 'public');--> statement-breakpoint
CREATE TYPE "public"."room_theme" AS ENUM('sandstone', 'slate', 'moss', 'terracotta', 'indigo', 'ivory');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	"last_request" bigint NOT NULL,
	CONSTRAINT "rate_limits_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	CONSTRAINT "sessions_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "concepts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"palace_id" uuid NOT NULL,
	"title" varchar(120) NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"kind" "concept_kind" DEFAULT 'other' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_url" varchar(2000),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "concepts_id_palace_unique" UNIQUE("id","palace_id"),
	CONSTRAINT "concepts_title_not_blank" CHECK (length(trim("concepts"."title")) > 0),
	CONSTRAINT "concepts_notes_length" CHECK (length("concepts"."notes") <= 20000)
);
--> statement-breakpoint
CREATE TABLE "doors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"palace_id" uuid NOT NULL,
	"room_a_id" uuid NOT NULL,
	"room_b_id" uuid NOT NULL,
	"position" double precision NOT NULL,
	"width" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doors_rooms_ordered" CHECK ("doors"."room_a_id" < "doors"."room_b_id")
);
--> statement-breakpoint
CREATE TABLE "links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"palace_id" uuid NOT NULL,
	"from_concept_id" uuid NOT NULL,
	"to_concept_id" uuid NOT NULL,
	"label" varchar(80) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "links_not_self" CHECK ("links"."from_concept_id" <> "links"."to_concept_id")
);
--> statement-breakpoint
CREATE TABLE "loci" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"palace_id" uuid NOT NULL,
	"concept_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision DEFAULT 0 NOT NULL,
	"z" double precision NOT NULL,
	"rotation_y" double precision DEFAULT 0 NOT NULL,
	"shape" "locus_shape" DEFAULT 'pedestal' NOT NULL,
	"color" varchar(7) NOT NULL,
	"route_order" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "loci_conceptId_unique" UNIQUE("concept_id"),
	CONSTRAINT "loci_color_hex" CHECK ("loci"."color" ~ '^#[0-9a-f]{6}$')
);
--> statement-breakpoint
CREATE TABLE "palace_members" (
	"palace_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" "palace_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "palace_members_palace_id_user_id_pk" PRIMARY KEY("palace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "palaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" text NOT NULL,
	"title" varchar(120) NOT NULL,
	"description" varchar(2000) DEFAULT '' NOT NULL,
	"visibility" "palace_visibility" DEFAULT 'private' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "palaces_title_not_blank" CHECK (length(trim("palaces"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"palace_id" uuid NOT NULL,
	"name" varchar(80) NOT NULL,
	"grid_x" integer NOT NULL,
	"grid_z" integer NOT NULL,
	"width" integer NOT NULL,
	"depth" integer NOT NULL,
	"height" real NOT NULL,
	"theme" "room_theme" DEFAULT 'sandstone' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rooms_id_palace_unique" UNIQUE("id","palace_id"),
	CONSTRAINT "rooms_name_not_blank" CHECK (length(trim("rooms"."name")) > 0),
	CONSTRAINT "rooms_size_range" CHECK ("rooms"."width" between 3 and 40 and "rooms"."depth" between 3 and 40),
	CONSTRAINT "rooms_height_range" CHECK ("rooms"."height" between 2.5 and 10)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concepts" ADD CONSTRAINT "concepts_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doors" ADD CONSTRAINT "doors_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doors" ADD CONSTRAINT "doors_room_a_id_palace_id_rooms_id_palace_id_fk" FOREIGN KEY ("room_a_id","palace_id") REFERENCES "public"."rooms"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doors" ADD CONSTRAINT "doors_room_b_id_palace_id_rooms_id_palace_id_fk" FOREIGN KEY ("room_b_id","palace_id") REFERENCES "public"."rooms"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_from_concept_id_palace_id_concepts_id_palace_id_fk" FOREIGN KEY ("from_concept_id","palace_id") REFERENCES "public"."concepts"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_to_concept_id_palace_id_concepts_id_palace_id_fk" FOREIGN KEY ("to_concept_id","palace_id") REFERENCES "public"."concepts"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loci" ADD CONSTRAINT "loci_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loci" ADD CONSTRAINT "loci_concept_id_palace_id_concepts_id_palace_id_fk" FOREIGN KEY ("concept_id","palace_id") REFERENCES "public"."concepts"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loci" ADD CONSTRAINT "loci_room_id_palace_id_rooms_id_palace_id_fk" FOREIGN KEY ("room_id","palace_id") REFERENCES "public"."rooms"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_members" ADD CONSTRAINT "palace_members_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palace_members" ADD CONSTRAINT "palace_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "palaces" ADD CONSTRAINT "palaces_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user_id_index" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verifications_identifier_index" ON "verifications" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "concepts_palace_id_index" ON "concepts" USING btree ("palace_id");--> statement-breakpoint
CREATE INDEX "doors_palace_id_index" ON "doors" USING btree ("palace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "doors_room_pair_unique" ON "doors" USING btree ("room_a_id","room_b_id");--> statement-breakpoint
CREATE INDEX "links_palace_id_index" ON "links" USING btree ("palace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "links_pair_unique" ON "links" USING btree ("from_concept_id","to_concept_id");--> statement-breakpoint
CREATE INDEX "links_to_concept_id_index" ON "links" USING btree ("to_concept_id");--> statement-breakpoint
CREATE INDEX "loci_room_id_index" ON "loci" USING btree ("room_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loci_route_order_unique" ON "loci" USING btree ("palace_id","route_order");--> statement-breakpoint
CREATE INDEX "palace_members_user_id_index" ON "palace_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "palaces_owner_id_index" ON "palaces" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "rooms_palace_id_index" ON "rooms" USING btree ("palace_id");