"use client";
// The palace floor plan in a corner: rooms, doors, where you stand and which way you face.
// Clicking (or pressing Enter on) a room takes you there. The marker moves in its own animation
// loop reading the walk pose, so walking never re-renders React. Its caption names the room
// under the pointer or focus, else the room you are in. It folds away to a button; the choice is
// remembered, and on a phone it starts folded.
import { useEffect, useMemo, useRef, useState } from "react";
import { sharedWall } from "~/server/domain/room/room.logic";
import { THEMES } from "../../_scene/rooms/palette";
import { useWalk } from "../../_stores/walk-store";
import { poseForRoom } from "./route-tour";
import { usePalaceScene } from "../../_stores/live-palace/use-live-palace";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";

const OPEN_KEY = "engram.minimap.open";

function initiallyOpen(): boolean {
  try {
    const saved = window.localStorage.getItem(OPEN_KEY);
    if (saved !== null) return saved === "1";
  } catch {
    // Storage can be refused (private modes): fall back to the screen's size.
  }
  return !window.matchMedia("(max-width: 640px)").matches;
}

const DOT = 0.25;

/**
 * Every placed concept as a dot, one path per colour: a palace of thousands of concepts stays a
 * handful of elements for the page to lay out and paint, not one element per concept.
 */
function dotPaths(loci: TLiveScene["loci"], roomById: Map<string, TLiveScene["rooms"][number]>) {
  const byColour = new Map<string, string[]>();
  for (const l of loci) {
    const room = roomById.get(l.roomId);
    if (!room) continue;
    const x = (room.gridX + l.x - DOT).toFixed(2);
    const z = (room.gridZ + l.z).toFixed(2);
    const circle = `M${x} ${z}a${DOT} ${DOT} 0 1 0 ${2 * DOT} 0a${DOT} ${DOT} 0 1 0 ${-2 * DOT} 0`;
    const list = byColour.get(l.color);
    if (list) list.push(circle);
    else byColour.set(l.color, [circle]);
  }
  return [...byColour].map(([colour, circles]) => ({ colour, d: circles.join("") }));
}

export function Minimap() {
  const scene = usePalaceScene();
  // Mounted only in the browser (after WebGL is known), so reading storage here cannot mismatch hydration.
  const [open, setOpen] = useState(initiallyOpen);
  const [pointed, setPointed] = useState<string | null>(null);
  const marker = useRef<SVGGElement>(null);
  const roomId = useWalk((s) => s.roomId);
  const teleport = useWalk((s) => s.teleport);
  const setMode = useWalk((s) => s.setMode);

  const frame = useMemo(() => {
    const xs = scene.rooms.flatMap((r) => [r.gridX, r.gridX + r.width]);
    const zs = scene.rooms.flatMap((r) => [r.gridZ, r.gridZ + r.depth]);
    const minX = Math.min(...xs);
    const minZ = Math.min(...zs);
    const span = Math.max(Math.max(...xs) - minX, Math.max(...zs) - minZ);
    return { minX: minX - 1, minZ: minZ - 1, span: span + 2 };
  }, [scene.rooms]);

  const roomById = useMemo(() => new Map(scene.rooms.map((r) => [r.id, r])), [scene.rooms]);
  const doors = useMemo(
    () =>
      scene.doors.flatMap((d) => {
        const a = roomById.get(d.roomAId);
        const b = roomById.get(d.roomBId);
        const wall = a && b ? sharedWall(a, b) : null;
        if (!wall) return [];
        const half = d.width / 2;
        return [
          wall.axis === "x"
            ? { id: d.id, x1: wall.at, z1: d.position - half, x2: wall.at, z2: d.position + half }
            : { id: d.id, x1: d.position - half, z1: wall.at, x2: d.position + half, z2: wall.at },
        ];
      }),
    [roomById, scene.doors],
  );
  const dots = useMemo(() => dotPaths(scene.loci, roomById), [scene.loci, roomById]);

  useEffect(() => {
    let raf = 0;
    const tick = () => {
      const { pose, placed } = useWalk.getState();
      if (marker.current) {
        marker.current.style.display = placed ? "" : "none";
        // SVG rotates clockwise; the heading turns counter-clockwise with 0 facing north.
        marker.current.setAttribute("transform", `translate(${pose.x} ${pose.z}) rotate(${(-pose.heading * 180) / Math.PI})`);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, []);

  if (scene.rooms.length === 0) return null;

  const go = (id: string) => {
    const pose = poseForRoom(scene, id);
    if (!pose) return;
    teleport(pose);
    // In the room at once, so the scene does not draw the rooms around the old spot first.
    useWalk.getState().setRoom(id);
    setMode("walk");
  };

  const toggle = () => {
    const next = !open;
    setOpen(next);
    try {
      window.localStorage.setItem(OPEN_KEY, next ? "1" : "0");
    } catch {
      // Not remembered, but still folded for now.
    }
  };
  const here = scene.rooms.find((r) => r.id === roomId);
  const other = pointed !== roomId ? scene.rooms.find((r) => r.id === pointed) : undefined;

  return (
    <nav className={`minimap ${open ? "minimap-open" : "minimap-closed"}`} aria-label="Floor plan">
      <div className="minimap-head">
        <button type="button" className="minimap-toggle" aria-expanded={open} aria-controls={open ? "minimap-plan" : undefined} onClick={toggle}>
          {open ? "Hide map" : "Map"}
        </button>
        {open && (
          <span className="minimap-here" data-testid="minimap-here">
            {here ? here.name : "Pick a room to walk in"}
          </span>
        )}
      </div>
      {open && (
        <>
          <svg
            id="minimap-plan"
            viewBox={`${frame.minX} ${frame.minZ} ${frame.span} ${frame.span}`}
            data-testid="minimap"
            onPointerLeave={() => setPointed(null)}
          >
            {scene.rooms.map((r) => (
              <g
                key={r.id}
                role="button"
                tabIndex={0}
                aria-label={`Go to ${r.name}`}
                aria-current={r.id === roomId ? "location" : undefined}
                onClick={() => go(r.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    go(r.id);
                  }
                }}
                onPointerEnter={() => setPointed(r.id)}
                onFocus={() => setPointed(r.id)}
                onBlur={() => setPointed(null)}
                className="minimap-room"
              >
                <rect
                  x={r.gridX}
                  y={r.gridZ}
                  width={r.width}
                  height={r.depth}
                  fill={THEMES[r.theme].floor}
                  stroke={r.id === roomId ? "#f2b35b" : "#f6f3ee"}
                  strokeWidth={r.id === roomId ? 0.4 : 0.15}
                />
                <title>{r.name}</title>
              </g>
            ))}
            {doors.map((d) => (
              <line key={d.id} x1={d.x1} y1={d.z1} x2={d.x2} y2={d.z2} stroke="#1d2330" strokeWidth={0.5} strokeLinecap="round" />
            ))}
            {dots.map((p) => (
              <path key={p.colour} d={p.d} fill={p.colour} stroke="#1d2330" strokeWidth={0.06} />
            ))}
            <g ref={marker} style={{ display: "none" }} pointerEvents="none">
              <path d="M 0 -1.4 L 0.7 0.5 L 0 0.1 L -0.7 0.5 Z" fill="#f2b35b" stroke="#1d2330" strokeWidth={0.12} />
            </g>
          </svg>
          <p className="minimap-pointed" data-testid="minimap-pointed" aria-hidden="true">
            {other ? `Go to ${other.name}` : "\u00a0"}
          </p>
        </>
      )}
    </nav>
  );
}
