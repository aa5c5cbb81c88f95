CREATE TABLE "concept_tombstones" (
	"concept_id" uuid PRIMARY KEY NOT NULL,
	"palace_id" uuid NOT NULL,
	"title" varchar(120) NOT NULL,
	"deleted_by_id" text,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "concept_tombstones" ADD CONSTRAINT "concept_tombstones_palace_id_palaces_id_fk" FOREIGN KEY ("palace_id") REFERENCES "public"."palaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_tombstones" ADD CONSTRAINT "concept_tombstones_deleted_by_id_users_id_fk" FOREIGN KEY ("deleted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concept_tombstones_palace_id_index" ON "concept_tombstones" USING btree ("palace_id");--> statement-breakpoint
CREATE INDEX "concept_tombstones_deleted_at_index" ON "concept_tombstones" USING btree ("deleted_at");