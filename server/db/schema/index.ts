// The whole schema and its relations, as one object for Drizzle's relational queries.
import { relations } from "drizzle-orm";
import { users } from "./auth";
import { concepts, doors, links, loci, palaceMembers, palaces, rooms } from "./palace";
import { conceptPictures } from "./pictures";
import { palaceEvents, palaceInvites } from "./teams";

export * from "./auth";
export * from "./palace";
export * from "./pictures";
export * from "./fsrs";
export * from "./recall";
export * from "./teams";
export * from "./tombstones";

export const palacesRelations = relations(palaces, ({ one, many }) => ({
  owner: one(users, { fields: [palaces.ownerId], references: [users.id] }),
  members: many(palaceMembers),
  rooms: many(rooms),
  doors: many(doors),
  concepts: many(concepts),
  loci: many(loci),
  links: many(links),
  invites: many(palaceInvites),
  events: many(palaceEvents),
}));

export const palaceMembersRelations = relations(palaceMembers, ({ one }) => ({
  palace: one(palaces, { fields: [palaceMembers.palaceId], references: [palaces.id] }),
  user: one(users, { fields: [palaceMembers.userId], references: [users.id] }),
}));

export const roomsRelations = relations(rooms, ({ one }) => ({
  palace: one(palaces, { fields: [rooms.palaceId], references: [palaces.id] }),
}));
export const doorsRelations = relations(doors, ({ one }) => ({
  palace: one(palaces, { fields: [doors.palaceId], references: [palaces.id] }),
}));
export const conceptsRelations = relations(concepts, ({ one }) => ({
  palace: one(palaces, { fields: [concepts.palaceId], references: [palaces.id] }),
  picture: one(conceptPictures, { fields: [concepts.id], references: [conceptPictures.conceptId] }),
}));
export const conceptPicturesRelations = relations(conceptPictures, ({ one }) => ({
  concept: one(concepts, { fields: [conceptPictures.conceptId], references: [concepts.id] }),
}));
export const lociRelations = relations(loci, ({ one }) => ({
  palace: one(palaces, { fields: [loci.palaceId], references: [palaces.id] }),
}));
export const linksRelations = relations(links, ({ one }) => ({
  palace: one(palaces, { fields: [links.palaceId], references: [palaces.id] }),
}));

export const palaceInvitesRelations = relations(palaceInvites, ({ one }) => ({
  palace: one(palaces, { fields: [palaceInvites.palaceId], references: [palaces.id] }),
  createdBy: one(users, { fields: [palaceInvites.createdById], references: [users.id] }),
}));
export const palaceEventsRelations = relations(palaceEvents, ({ one }) => ({
  palace: one(palaces, { fields: [palaceEvents.palaceId], references: [palaces.id] }),
  actor: one(users, { fields: [palaceEvents.actorId], references: [users.id] }),
}));
