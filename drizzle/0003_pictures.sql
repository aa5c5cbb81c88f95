CREATE TABLE "concept_pictures" (
	"concept_id" uuid PRIMARY KEY NOT NULL,
	"palace_id" uuid NOT NULL,
	"hash" varchar(64) NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"display" "bytea" NOT NULL,
	"thumb_width" integer NOT NULL,
	"thumb_height" integer NOT NULL,
	"thumb" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concept_pictures_hash_hex" CHECK ("concept_pictures"."hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "concept_pictures_size" CHECK ("concept_pictures"."width" between 1 and 1024 and "concept_pictures"."height" between 1 and 1024)
);
--> statement-breakpoint
ALTER TABLE "concept_pictures" ADD CONSTRAINT "concept_pictures_concept_id_palace_id_concepts_id_palace_id_fk" FOREIGN KEY ("concept_id","palace_id") REFERENCES "public"."concepts"("id","palace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concept_pictures_palace_id_index" ON "concept_pictures" USING btree ("palace_id");