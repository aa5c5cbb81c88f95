// The live palace: one stream per open page, carrying each change with its rows (and, when
// asked, where people are), resumable after a dropped connection.
import "server-only";
import type { z } from "zod";
import type { Db } from "../../db/client";
import type { RealtimeBus } from "../../realtime/bus";
import { openPalaceEventStream } from "../../realtime/live";
import type { Actor } from "../access";
import { goodbye } from "../presence/presence.service";
import { ZWatchInput } from "../../realtime/live.schema";

/** Everyone who may read the palace may follow its changes. */
export async function watch(db: Db, bus: RealtimeBus, actor: Actor, raw: z.input<typeof ZWatchInput>, signal?: AbortSignal) {
  const input = ZWatchInput.parse(raw);
  const options = { presence: input.presence, onClose: input.presence ? goodbye(db, actor, input.palaceId) : undefined };
  return openPalaceEventStream(db, bus, actor, input, options, signal);
}
