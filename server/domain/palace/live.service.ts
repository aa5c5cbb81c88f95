// A palace as live clients load it: the compact snapshot, then the stream of its changes (with
// their rows and, when asked for, who is where).
import "server-only";
import type { z } from "zod";
import type { Db } from "../../db/client";
import type { RealtimeBus } from "../../realtime/bus";
import { openPalaceLiveStream } from "../../realtime/live-stream";
import { type TSnapshotInput, type TSnapshotWire, ZLiveInput } from "../../realtime/live.schema";
import type { Actor } from "../access";
import { goodbye } from "../presence/presence.service";
import { snapshot } from "./snapshot.service";

export async function snapshotWire(db: Db, actor: Actor, input: TSnapshotInput): Promise<TSnapshotWire> {
  return (await snapshot(db, actor, input)).wire();
}

/** Everyone who may read the palace may follow it; a signed-in follower is announced as gone when it ends. */
export async function follow(db: Db, bus: RealtimeBus, actor: Actor, raw: z.input<typeof ZLiveInput>, signal?: AbortSignal) {
  const input = ZLiveInput.parse(raw);
  const options = { presence: input.presence, onClose: input.presence ? goodbye(db, actor, input.palaceId) : undefined };
  return openPalaceLiveStream(db, bus, actor, input, options, signal);
}
