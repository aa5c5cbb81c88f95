// Pure rules about roles: their order and what a change of membership may not do.
import type { TPalaceRole } from "../palace/palace.schema";

const RANK: Record<TPalaceRole, number> = { owner: 3, editor: 2, viewer: 1 };

/** Owners first, then editors, then viewers. */
export function compareRoles(a: TPalaceRole, b: TPalaceRole): number {
  return RANK[b] - RANK[a];
}

/** The stronger of two roles: accepting an invite never demotes anyone. */
export function strongerRole(a: TPalaceRole, b: TPalaceRole): TPalaceRole {
  return RANK[a] >= RANK[b] ? a : b;
}
