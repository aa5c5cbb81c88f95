// Starter palaces: list the templates and copy one into a new private palace for the caller,
// written in one transaction so a failure leaves no half-built palace behind.
import "server-only";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { seedToGraph } from "../../seed/seed.logic";
import { seedPictures } from "../../seed/seed.pictures";
import { templates } from "../../seed/templates";
import { type Actor, requireUser } from "../access";
import { notFound } from "../errors";
import { insertPalaceGraph } from "../palace/palace.graph";
import type { TPalaceSummary } from "../palace/palace.schema";
import { summary } from "../palace/palace.service";
import { ZCreateFromTemplateInput, type TTemplateSummary } from "./template.schema";

export function list(actor: Actor): TTemplateSummary[] {
  requireUser(actor);
  return templates.map(({ id, palace }) => ({
    id,
    title: palace.title,
    description: palace.description,
    roomCount: palace.rooms.length,
    conceptCount: palace.concepts.length,
    roomNames: palace.rooms.map((r) => r.name),
  }));
}

export async function create(db: Db, actor: Actor, raw: z.input<typeof ZCreateFromTemplateInput>): Promise<TPalaceSummary> {
  const userId = requireUser(actor);
  const input = ZCreateFromTemplateInput.parse(raw);
  const template = templates.find((t) => t.id === input.templateId);
  if (!template) throw notFound("Template");
  const graph = seedToGraph(template.palace, {
    id: crypto.randomUUID(),
    title: input.title ?? template.palace.title,
    description: template.palace.description,
    visibility: "private",
  });
  graph.pictures = await seedPictures(template.palace, graph);
  await db.transaction((tx) => insertPalaceGraph(tx, userId, graph));
  return summary(db, graph.palace.id, userId);
}
