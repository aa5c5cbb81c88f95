"use client";
// Rooms and doors: add a room beside another (with a door), edit or delete a room, and add or
// remove doors between touching rooms.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { sharedWall } from "~/server/domain/room/room.logic";
import { type TRoomTheme, ZRoomTheme } from "~/server/domain/room/room.schema";
import { THEMES } from "../../_scene/rooms/palette";
import { ConfirmDialog } from "../confirm-dialog";
import { useTRPC } from "../../_trpc/client";
import { useEditHandlers } from "./use-palace-mutation";
import type { TLiveRoom } from "~/server/realtime/live.schema";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";
import { formText } from "../form-text";

type Side = "east" | "south" | "west" | "north";

/** Floor-plan spot for a new room on one side of an anchor room, aligned with its corner. */
function besideRoom(anchor: TLiveRoom | undefined, side: Side, width: number, depth: number) {
  if (!anchor) return { gridX: 0, gridZ: 0 };
  switch (side) {
    case "east":
      return { gridX: anchor.gridX + anchor.width, gridZ: anchor.gridZ };
    case "west":
      return { gridX: anchor.gridX - width, gridZ: anchor.gridZ };
    case "south":
      return { gridX: anchor.gridX, gridZ: anchor.gridZ + anchor.depth };
    case "north":
      return { gridX: anchor.gridX, gridZ: anchor.gridZ - depth };
  }
}

export function RoomsSection({ scene }: { scene: TLiveScene }) {
  const trpc = useTRPC();
  const palaceId = scene.palace.id;
  const handlers = useEditHandlers();
  const canEdit = scene.palace.access.canEdit;
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<TLiveRoom | null>(null);

  const createDoor = useMutation(trpc.door.create.mutationOptions(handlers));
  const createRoom = useMutation(
    trpc.room.create.mutationOptions({
      onError: (e) => setError(e.message),
      onSuccess: () => {
        setError(null);
        void handlers.refresh();
      },
    }),
  );
  const updateRoom = useMutation(
    trpc.room.update.mutationOptions({
      ...handlers,
      onSuccess: () => {
        setEditing(null);
        void handlers.refresh();
      },
    }),
  );
  const deleteRoom = useMutation(trpc.room.delete.mutationOptions(handlers));
  const deleteDoor = useMutation(trpc.door.delete.mutationOptions(handlers));

  const roomName = (id: string) => scene.rooms.find((r) => r.id === id)?.name ?? "?";
  const roomIndex = new Map(scene.rooms.map((r, i) => [r.id, i]));
  // A door's two rooms are stored in id order; show them in floor-plan order instead.
  const doorEnds = (d: { roomAId: string; roomBId: string }) =>
    (roomIndex.get(d.roomAId) ?? 0) <= (roomIndex.get(d.roomBId) ?? 0) ? [d.roomAId, d.roomBId] : [d.roomBId, d.roomAId];
  const touchingPairs = scene.rooms.flatMap((a, i) =>
    scene.rooms
      .slice(i + 1)
      .filter((b) => sharedWall(a, b) && !scene.doors.some((d) => [d.roomAId, d.roomBId].includes(a.id) && [d.roomAId, d.roomBId].includes(b.id)))
      .map((b) => [a, b] as const),
  );

  return (
    <section aria-labelledby="rooms-heading">
      <h2 id="rooms-heading">Rooms</h2>
      {scene.rooms.length === 0 && <p className="small muted">No rooms yet.{canEdit && " Add the first one below."}</p>}
      <ul className="list" aria-label="Rooms">
        {scene.rooms.map((room) => (
          <li key={room.id}>
            <span className="swatch" style={{ background: THEMES[room.theme].floor }} aria-hidden="true" />
            <span className="grow">
              {room.name} <span className="small muted">{room.width}×{room.depth} m</span>
            </span>
            {canEdit && (
              <>
                <button className="btn btn-small btn-ghost" type="button" onClick={() => setEditing(editing === room.id ? null : room.id)} aria-label={`Edit room ${room.name}`}>
                  Edit
                </button>
                <button className="btn btn-small btn-ghost btn-danger" type="button" onClick={() => setToDelete(room)} aria-label={`Delete room ${room.name}`}>
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {editing && canEdit && (() => {
        const room = scene.rooms.find((r) => r.id === editing);
        if (!room) return null;
        return (
          <form
            className="card"
            aria-label={`Edit ${room.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              updateRoom.mutate({
                id: room.id,
                version: room.version,
                name: formText(f, "name"),
                theme: formText(f, "theme") as TRoomTheme,
                width: Number(f.get("width")),
                depth: Number(f.get("depth")),
              });
            }}
          >
            <div className="field">
              <label htmlFor="edit-room-name">Name</label>
              <input id="edit-room-name" name="name" defaultValue={room.name} maxLength={80} />
            </div>
            <div className="row field">
              <div>
                <label htmlFor="edit-room-width">Width (m)</label>
                <input id="edit-room-width" name="width" type="number" min={3} max={40} defaultValue={room.width} />
              </div>
              <div>
                <label htmlFor="edit-room-depth">Depth (m)</label>
                <input id="edit-room-depth" name="depth" type="number" min={3} max={40} defaultValue={room.depth} />
              </div>
              <div>
                <label htmlFor="edit-room-theme">Look</label>
                <select id="edit-room-theme" name="theme" defaultValue={room.theme}>
                  {ZRoomTheme.options.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              </div>
            </div>
            <button className="btn btn-primary btn-small" type="submit" disabled={updateRoom.isPending}>
              Save room
            </button>
          </form>
        );
      })()}

      {scene.doors.length > 0 && (
        <>
          <h3 className="small muted" style={{ marginTop: "0.75rem" }}>Doors</h3>
          <ul className="list" aria-label="Doors">
            {scene.doors.map((d) => {
              const [first, second] = doorEnds(d).map(roomName);
              return (
                <li key={d.id}>
                  <span className="grow">
                    {first} ↔ {second}
                  </span>
                  {canEdit && (
                    <button
                      className="btn btn-small btn-ghost btn-danger"
                      type="button"
                      onClick={() => deleteDoor.mutate({ id: d.id })}
                      aria-label={`Remove door between ${first} and ${second}`}
                    >
                      Remove
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}

      {canEdit && touchingPairs.length > 0 && (
        <form
          className="row"
          style={{ marginTop: "0.5rem" }}
          aria-label="Add a door"
          onSubmit={(e) => {
            e.preventDefault();
            const [a, b] = formText(new FormData(e.currentTarget), "pair").split(":");
            if (a && b) createDoor.mutate({ palaceId, roomAId: a, roomBId: b });
          }}
        >
          <div>
            <label htmlFor="door-pair">Add a door between</label>
            <select id="door-pair" name="pair">
              {touchingPairs.map(([a, b]) => (
                <option key={`${a.id}:${b.id}`} value={`${a.id}:${b.id}`}>
                  {a.name} ↔ {b.name}
                </option>
              ))}
            </select>
          </div>
          <div style={{ flex: "none" }}>
            <button className="btn btn-small" type="submit">
              Add door
            </button>
          </div>
        </form>
      )}

      {canEdit && (
        <details open={scene.rooms.length === 0} style={{ marginTop: "0.75rem" }}>
          <summary>Add a room</summary>
          <form
            key={scene.rooms.length}
            aria-label="Add a room"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              const width = Number(f.get("width"));
              const depth = Number(f.get("depth"));
              const anchor = scene.rooms.find((r) => r.id === f.get("anchor"));
              const spot = besideRoom(anchor, formText(f, "side") as Side, width, depth);
              const doorTo = anchor && f.get("door") === "on" ? anchor.id : null;
              const form = e.currentTarget;
              createRoom.mutate(
                {
                palaceId,
                name: formText(f, "name"),
                width,
                depth,
                  theme: formText(f, "theme") as TRoomTheme,
                  ...spot,
                },
                {
                  onSuccess: (room) => {
                    form.reset();
                    if (doorTo) createDoor.mutate({ palaceId, roomAId: doorTo, roomBId: room.id });
                  },
                },
              );
            }}
          >
            <div className="field">
              <label htmlFor="room-name">Name</label>
              <input id="room-name" name="name" placeholder="e.g. Hall of Attention" maxLength={80} required />
            </div>
            {scene.rooms.length > 0 && (
              <div className="row field">
                <div>
                  <label htmlFor="room-side">Side</label>
                  <select id="room-side" name="side" defaultValue="east">
                    <option value="east">East of</option>
                    <option value="south">South of</option>
                    <option value="west">West of</option>
                    <option value="north">North of</option>
                  </select>
                </div>
                <div>
                  <label htmlFor="room-anchor">Room</label>
                  <select id="room-anchor" name="anchor" defaultValue={scene.rooms.at(-1)?.id}>
                    {scene.rooms.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            )}
            <div className="row field">
              <div>
                <label htmlFor="room-width">Width (m)</label>
                <input id="room-width" name="width" type="number" min={3} max={40} defaultValue={8} />
              </div>
              <div>
                <label htmlFor="room-depth">Depth (m)</label>
                <input id="room-depth" name="depth" type="number" min={3} max={40} defaultValue={8} />
              </div>
              <div>
                <label htmlFor="room-theme">Look</label>
                <select id="room-theme" name="theme" defaultValue={ZRoomTheme.options[scene.rooms.length % ZRoomTheme.options.length]}>
                  {ZRoomTheme.options.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              </div>
            </div>
            {scene.rooms.length > 0 && (
              <div className="field">
                <label style={{ display: "flex", gap: "0.4rem", alignItems: "center", fontWeight: 400 }}>
                  <input type="checkbox" name="door" defaultChecked style={{ width: "auto" }} /> Add a door to that room
                </label>
              </div>
            )}
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <button className="btn btn-primary btn-small" type="submit" disabled={createRoom.isPending}>
              Add room
            </button>
          </form>
        </details>
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete “${toDelete?.name ?? ""}”?`}
        body={<p>Its doors go with it. Concepts placed in it go back to the inbox; nothing else is lost.</p>}
        confirmLabel="Delete room"
        danger
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete) deleteRoom.mutate({ id: toDelete.id, version: toDelete.version });
          setToDelete(null);
        }}
      />
    </section>
  );
}
