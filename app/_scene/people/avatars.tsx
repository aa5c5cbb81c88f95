// Teammates in the palace: a simple figure with a name for everyone else who has it open. The
// list re-renders only when people come and go; positions (up to ten updates a second) are
// read and eased towards every frame without touching React.
import { Billboard, Text } from "@react-three/drei";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import type * as THREE from "three";
import { useShallow } from "zustand/react/shallow";
import { usePresenceStore } from "../../_stores/presence-store";
import { SCENE_FONT_BOLD } from "../fonts";
import type { TLiveRoom } from "~/server/realtime/live.schema";

const COLOURS = ["#e07a5f", "#3d9970", "#4f7cc8", "#b56576", "#e9c46a", "#2a9d8f", "#8b83ff", "#f4a261"];

function colourFor(userId: string) {
  let h = 0;
  for (const c of userId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length]!;
}

function Avatar({ userId, name, rooms }: { userId: string; name: string; rooms: Map<string, TLiveRoom> }) {
  const group = useRef<THREE.Group>(null);
  const colour = useMemo(() => colourFor(userId), [userId]);
  useFrame((state, delta) => {
    const g = group.current;
    const person = usePresenceStore.getState().people[userId];
    const room = person?.roomId ? rooms.get(person.roomId) : undefined;
    if (!g) return;
    g.visible = Boolean(room);
    if (!person || !room) return;
    const x = room.gridX + person.x;
    const z = room.gridZ + person.z;
    // Ease towards the last reported spot: updates come in bursts, walking should not.
    const k = g.position.lengthSq() === 0 ? 1 : 1 - Math.exp(-10 * Math.min(delta, 0.1));
    g.position.x += (x - g.position.x) * k;
    g.position.z += (z - g.position.z) * k;
    g.rotation.y = person.heading;
    // Seen from above the scene draws on demand: keep drawing until the figure has arrived.
    if (Math.abs(x - g.position.x) + Math.abs(z - g.position.z) > 0.01) state.invalidate();
  });
  return (
    <group ref={group} visible={false} userData={{ kind: "avatar", userId }}>
      <mesh position={[0, 0.75, 0]}>
        <cylinderGeometry args={[0.2, 0.26, 1.3, 12]} />
        <meshStandardMaterial color={colour} roughness={0.6} />
      </mesh>
      <mesh position={[0, 1.6, 0]}>
        <sphereGeometry args={[0.19, 16, 12]} />
        <meshStandardMaterial color={colour} roughness={0.5} />
      </mesh>
      {/* A nose, so others can see which way someone faces. */}
      <mesh position={[0, 1.6, -0.2]}>
        <boxGeometry args={[0.08, 0.08, 0.12]} />
        <meshStandardMaterial color="#1d2330" />
      </mesh>
      <Billboard position={[0, 2.05, 0]}>
        <Text font={SCENE_FONT_BOLD} fontSize={0.22} color="#ffffff" outlineWidth={0.02} outlineColor="#1d2330" anchorY="bottom">
          {name}
        </Text>
      </Billboard>
    </group>
  );
}

export function Avatars({ rooms }: { rooms: TLiveRoom[] }) {
  const people = usePresenceStore(useShallow((s) => Object.values(s.people).map((p) => `${p.userId}\u0000${p.name}`)));
  const byId = useMemo(() => new Map(rooms.map((r) => [r.id, r])), [rooms]);
  // A position update draws a frame without rendering React: the figures move in useFrame.
  const invalidate = useThree((s) => s.invalidate);
  useEffect(
    () =>
      usePresenceStore.subscribe((s, previous) => {
        if (s.people !== previous.people) invalidate();
      }),
    [invalidate],
  );
  return (
    <>
      {people.map((key) => {
        const [userId, name] = key.split("\u0000") as [string, string];
        return <Avatar key={userId} userId={userId} name={name} rooms={byId} />;
      })}
    </>
  );
}
