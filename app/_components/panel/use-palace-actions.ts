"use client";
// The edits that can be undone: placing, moving, restyling and unplacing a concept, editing it,
// and deleting it. Each runs through tRPC, refreshes the palace, and records its reverse.
// Reverse steps read the current version from the cached palace, so they never overwrite an
// edit they did not see: a stale one is refused as a conflict like any other write.
import { useQueryClient } from "@tanstack/react-query";
import type { TConceptKind } from "~/server/domain/concept/concept.schema";
import type { TLocus, TLocusShape } from "~/server/domain/locus/locus.schema";
import type { TPalaceScene } from "~/server/domain/palace/palace.schema";
import { useHistory } from "../../_stores/history-store";
import { useToasts } from "../../_stores/toast-store";
import { useTRPC, useTRPCClient } from "../../_trpc/client";
import { useEditHandlers } from "./use-palace-mutation";

export interface Spot {
  roomId: string;
  x: number;
  z: number;
}

interface Style {
  shape: TLocusShape;
  color: string;
  rotationY: number;
}

export interface ActionError {
  message: string;
  data?: { code?: string; field?: string } | null;
}

interface ConceptFields {
  title: string;
  kind: TConceptKind;
  tags: string[];
  notes: string;
  sourceUrl: string | null;
}

export function usePalaceActions(palaceId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { refresh, onError } = useEditHandlers(palaceId);
  const history = useHistory();
  const toast = useToasts((s) => s.show);

  const scene = () => queryClient.getQueryData<TPalaceScene>(trpc.palace.get.queryKey({ id: palaceId }));
  const locusOf = (conceptId: string) => scene()?.loci.find((l) => l.conceptId === conceptId);
  const conceptVersion = (conceptId: string) => scene()?.concepts.find((c) => c.id === conceptId)?.version ?? 1;
  const requireLocus = (conceptId: string): TLocus => {
    const locus = locusOf(conceptId);
    if (!locus) throw new Error("That concept is no longer placed.");
    return locus;
  };

  // Raw steps, shared by the first run and by undo/redo.
  const placeAt = async (conceptId: string, spot: Spot, style?: Partial<Style>) => {
    await client.locus.place.mutate({ conceptId: conceptId, roomId: spot.roomId, x: spot.x, z: spot.z, ...style });
    await refresh();
  };
  const moveTo = async (conceptId: string, spot: Spot) => {
    const locus = requireLocus(conceptId);
    await client.locus.move.mutate({ id: locus.id, version: locus.version, roomId: spot.roomId, x: spot.x, z: spot.z });
    await refresh();
  };
  const unplace = async (conceptId: string) => {
    const locus = requireLocus(conceptId);
    await client.locus.delete.mutate({ id: locus.id, version: locus.version });
    await refresh();
  };
  const restyle = async (conceptId: string, style: Partial<Style>) => {
    const locus = requireLocus(conceptId);
    await client.locus.update.mutate({ id: locus.id, version: locus.version, ...style });
    await refresh();
  };
  /** `version` is the one the edit was based on; without it, the version in the cache now. */
  const edit = async (conceptId: string, fields: Partial<ConceptFields>, version?: number) => {
    await client.concept.update.mutate({ id: conceptId, version: version ?? conceptVersion(conceptId), ...fields });
    await refresh();
  };

  /**
   * Runs the first step; on success records how to undo and redo it and answers null, on
   * failure shows why and answers the error.
   */
  const act = async (label: string, run: () => Promise<void>, undo: () => Promise<void>, redo: () => Promise<void> = run) => {
    try {
      await run();
      history.record({ label, undo, redo });
      return null;
    } catch (error) {
      const failure = error as ActionError;
      onError(failure);
      return failure;
    }
  };

  const spotOf = (locus: TLocus): Spot => ({ roomId: locus.roomId, x: locus.x, z: locus.z });
  const styleOf = (locus: TLocus): Style => ({ shape: locus.shape, color: locus.color, rotationY: locus.rotationY });

  return {
    place: (conceptId: string, spot: Spot) => act("place", () => placeAt(conceptId, spot), () => unplace(conceptId)),

    move: (conceptId: string, spot: Spot) => {
      const before = locusOf(conceptId);
      if (!before) return Promise.resolve<ActionError>({ message: "That concept is no longer placed." });
      const from = spotOf(before);
      return act("move", () => moveTo(conceptId, spot), () => moveTo(conceptId, from));
    },

    unplace: (conceptId: string) => {
      const before = locusOf(conceptId);
      if (!before) return Promise.resolve<ActionError>({ message: "That concept is no longer placed." });
      const spot = spotOf(before);
      const style = styleOf(before);
      return act("back to inbox", () => unplace(conceptId), () => placeAt(conceptId, spot, style));
    },

    restyle: (conceptId: string, style: Partial<Style>) => {
      const before = locusOf(conceptId);
      if (!before) return Promise.resolve<ActionError>({ message: "That concept is no longer placed." });
      const previous = Object.fromEntries(Object.keys(style).map((k) => [k, styleOf(before)[k as keyof Style]])) as Partial<Style>;
      return act("restyle", () => restyle(conceptId, style), () => restyle(conceptId, previous));
    },

    edit: (conceptId: string, before: { [K in keyof ConceptFields]: ConceptFields[K] | null }, after: Partial<ConceptFields>, version?: number) => {
      const previous = Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof ConceptFields]])) as Partial<ConceptFields>;
      return act(
        "edit",
        () => edit(conceptId, after, version),
        () => edit(conceptId, previous),
        () => edit(conceptId, after),
      );
    },

    /**
     * Deleting can be undone too, for the server's undo window: one call brings the concept back
     * with its id, notes, place, links, picture and review history, or nothing at all.
     */
    remove: (conceptId: string) => {
      const drop = async () => {
        await client.concept.delete.mutate({ id: conceptId, version: conceptVersion(conceptId) });
        await refresh();
      };
      const restore = async () => {
        const { note } = await client.concept.restore.mutate({ id: conceptId });
        await refresh();
        if (note) toast(note);
      };
      return act("delete", drop, restore);
    },
  };
}
