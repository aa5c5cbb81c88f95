"use client";
// The edits that can be undone: placing, moving, restyling and unplacing a concept, editing it,
// and deleting it. Each shows at once in the live store, goes to the server, and records its
// reverse; a refusal takes it back and says why. Reverse steps read the current version from
// the store, so they never overwrite an edit they did not see: a stale one is refused as a
// conflict like any other write.
import { useMemo } from "react";
import type { TConceptKind } from "~/server/domain/concept/concept.schema";
import type { TLocusShape } from "~/server/domain/locus/locus.schema";
import { ZLiveLocus, type TLiveLocus } from "~/server/realtime/live.schema";
import { useHistory } from "../../_stores/history-store";
import { locusByConcept, viewOf } from "../../_stores/live-palace/live-palace.select";
import { useLivePalace } from "../../_stores/live-palace/use-live-palace";
import { useToasts } from "../../_stores/toast-store";
import { useTRPCClient } from "../../_trpc/client";

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

export type PalaceActions = ReturnType<typeof usePalaceActions>;

export function usePalaceActions() {
  const client = useTRPCClient();
  const live = useLivePalace();
  return useMemo(() => {
    const view = () => viewOf(live.store.getState());
    const locusOf = (conceptId: string) => locusByConcept(view().locus).get(conceptId);
    const conceptOf = (conceptId: string) => view().concept[conceptId];
    const requireLocus = (conceptId: string): TLiveLocus => {
      const locus = locusOf(conceptId);
      if (!locus) throw new Error("That concept is no longer placed.");
      return locus;
    };
    const locusAnswer = (locus: unknown) => {
      const row = ZLiveLocus.parse(locus);
      return { version: row.version, row };
    };

    // Raw steps, shared by the first run and by undo/redo.
    const placeAt = async (conceptId: string, spot: Spot, style?: Partial<Style>) => {
      const id = conceptId;
      const guess: TLiveLocus = { id: `placing:${id}`, conceptId: id, roomId: spot.roomId, x: spot.x, y: 0, z: spot.z, rotationY: 0, shape: "pedestal", color: "#c9a227", routeOrder: Number.MAX_SAFE_INTEGER, version: 1, ...style };
      await live.optimistic({
        entity: "locus",
        id: guess.id,
        row: guess,
        run: () => client.locus.place.mutate({ conceptId: id, roomId: spot.roomId, x: spot.x, z: spot.z, ...style }),
        answer: locusAnswer,
      });
    };
    const moveTo = async (conceptId: string, spot: Spot) => {
      const locus = requireLocus(conceptId);
      await live.optimistic({
        entity: "locus",
        id: locus.id,
        row: { ...locus, ...spot },
        run: () => client.locus.move.mutate({ id: locus.id, version: locus.version, roomId: spot.roomId, x: spot.x, z: spot.z }),
        answer: locusAnswer,
      });
    };
    const unplace = async (conceptId: string) => {
      const locus = requireLocus(conceptId);
      await live.optimistic({
        entity: "locus",
        id: locus.id,
        row: null,
        run: () => client.locus.delete.mutate({ id: locus.id, version: locus.version }),
      });
    };
    const restyle = async (conceptId: string, style: Partial<Style>) => {
      const locus = requireLocus(conceptId);
      await live.optimistic({
        entity: "locus",
        id: locus.id,
        row: { ...locus, ...style },
        run: () => client.locus.update.mutate({ id: locus.id, version: locus.version, ...style }),
        answer: locusAnswer,
      });
    };
    /** `version` is the one the edit was based on; without it, the version in the store now. */
    const edit = async (conceptId: string, fields: Partial<ConceptFields>, version?: number) => {
      const concept = conceptOf(conceptId);
      if (!concept) throw new Error("That concept was deleted.");
      const { notes: _notes, ...shown } = fields;
      await live.optimistic({
        entity: "concept",
        id: concept.id,
        row: { ...concept, ...shown },
        run: () => client.concept.update.mutate({ id: concept.id, version: version ?? concept.version, ...fields }),
        answer: (saved) => ({ version: saved.version }),
      });
    };

    /**
     * Runs the first step and records at once how to undo and redo it: the edit already shows,
     * so Ctrl+Z may come before the server answers (the history waits for the answer). Answers
     * null once the server kept it; on a refusal the entry goes, the person sees why, and the
     * error is the answer.
     */
    const act = async (label: string, run: () => Promise<void>, undo: () => Promise<void>, redo: () => Promise<void> = run) => {
      const settled = run();
      const entry = { label, undo, redo, settled };
      useHistory.getState().record(entry);
      try {
        await settled;
        return null;
      } catch (error) {
        useHistory.getState().forget(entry);
        const failure = error as ActionError;
        useToasts.getState().show(failure.message, "error");
        return failure;
      }
    };

    const spotOf = (locus: TLiveLocus): Spot => ({ roomId: locus.roomId, x: locus.x, z: locus.z });
    const styleOf = (locus: TLiveLocus): Style => ({ shape: locus.shape, color: locus.color, rotationY: locus.rotationY });
    const notPlaced = () => Promise.resolve<ActionError>({ message: "That concept is no longer placed." });

    return {
      place: (conceptId: string, spot: Spot) => act("place", () => placeAt(conceptId, spot), () => unplace(conceptId)),

      move: (conceptId: string, spot: Spot) => {
        const before = locusOf(conceptId);
        if (!before) return notPlaced();
        const from = spotOf(before);
        return act("move", () => moveTo(conceptId, spot), () => moveTo(conceptId, from));
      },

      unplace: (conceptId: string) => {
        const before = locusOf(conceptId);
        if (!before) return notPlaced();
        const spot = spotOf(before);
        const style = styleOf(before);
        return act("back to inbox", () => unplace(conceptId), () => placeAt(conceptId, spot, style));
      },

      restyle: (conceptId: string, style: Partial<Style>) => {
        const before = locusOf(conceptId);
        if (!before) return notPlaced();
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
       * Deleting can be undone too, for the server's undo window: one call brings the concept
       * back with its id, notes, place, links, picture and review history, or nothing at all.
       * The restored rows reach the store as live changes.
       */
      remove: (conceptId: string) => {
        const drop = async () => {
          const concept = conceptOf(conceptId);
          if (!concept) throw new Error("That concept was deleted.");
          await live.optimistic({
            entity: "concept",
            id: concept.id,
            row: null,
            run: () => client.concept.delete.mutate({ id: concept.id, version: concept.version }),
          });
        };
        const restore = async () => {
          const { note } = await client.concept.restore.mutate({ id: conceptId });
          if (note) useToasts.getState().show(note);
        };
        return act("delete", drop, restore);
      },
    };
  }, [client, live]);
}
