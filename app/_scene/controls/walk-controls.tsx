// First-person walking at eye height: keys (and the touch joystick) move, walls stop you, doors
// let you through. Mouse look comes from PointerLockControls; arrow keys turn for people who do
// not use a mouse. A flight target (tour, click, teleport) takes over until it arrives; for
// people whose system asks for reduced motion it arrives at once, a cut instead of a glide.
// Frames are drawn only while something moves.
import { useKeyboardControls } from "@react-three/drei";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useRef } from "react";
import * as THREE from "three";
import { roomAt, slide, type Segment } from "~/server/domain/room/walk.logic";
import { useWalk } from "../../_stores/walk-store";
import type { MoveAction } from "./keymap";
import type { TLiveRoom } from "~/server/realtime/live.schema";

export const EYE_HEIGHT = 1.6;
const WALK_SPEED = 2.2;
const RUN_SPEED = 4.8;
const TURN_SPEED = 1.9;
const FLIGHT_RATE = 4;
/** The longest frame a flight follows in full (seconds). */
const FLIGHT_MAX_STEP_S = 0.5;
/** Walking a way through doorways (metres per second): brisk, but slow enough to see the rooms. */
const WAY_SPEED = 5;
export const CELL_SIZE = 3;

const look = new THREE.Euler(0, 0, 0, "YXZ");

function shortestAngle(from: number, to: number) {
  return Math.atan2(Math.sin(to - from), Math.cos(to - from));
}

/** Frames drawn after the walker stops, so whatever follows the camera settles where it stands. */
const SETTLING_FRAMES = 2;

export function WalkControls({ walls, rooms }: { walls: Segment[]; rooms: TLiveRoom[] }) {
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const [subscribeKeys, getKeys] = useKeyboardControls<MoveAction>();
  const settling = useRef(0);
  const seenJumps = useRef(useWalk.getState().jumps);
  // Live: `matches` follows the setting if it changes while the palace is open.
  const reducedMotion = useRef<MediaQueryList | null>(null);

  useLayoutEffect(() => {
    reducedMotion.current = window.matchMedia("(prefers-reduced-motion: reduce)");
  }, []);

  // The scene draws on demand, walking too: a standing walker costs no frames (a phone's
  // battery, a laptop's fan). A key, the thumb stick, a drag to turn or a new flight asks for a
  // frame; while anything moves, each frame asks for the next.
  useEffect(() => {
    const wake = () => invalidate();
    const stopKeys = subscribeKeys(wake);
    const stopWalk = useWalk.subscribe((now, before) => {
      if (now.target !== before.target || now.jumps !== before.jumps || now.via !== before.via) wake();
    });
    window.addEventListener("pointerdown", wake);
    window.addEventListener("pointermove", wake);
    return () => {
      stopKeys();
      stopWalk();
      window.removeEventListener("pointerdown", wake);
      window.removeEventListener("pointermove", wake);
    };
  }, [invalidate, subscribeKeys]);

  useLayoutEffect(() => {
    const { pose } = useWalk.getState();
    camera.position.set(pose.x, EYE_HEIGHT, pose.z);
    look.set(-0.08, pose.heading, 0);
    camera.quaternion.setFromEuler(look);
  }, [camera]);

  useFrame((_, rawDelta) => {
    const delta = Math.min(rawDelta, 0.1);
    const state = useWalk.getState();
    const { pose, target, via, stick } = state;
    look.setFromQuaternion(camera.quaternion, "YXZ");
    if (state.jumps !== seenJumps.current) {
      // A teleport sets where to face as well as where to stand.
      seenJumps.current = state.jumps;
      look.set(-0.08, pose.heading, 0);
    }

    if (target && reducedMotion.current?.matches) {
      // No glide: stand at the stop, facing it, in this frame (the doorways on the way too).
      for (let left = via.length; left > 0; left--) state.passed();
      pose.x = target.x;
      pose.z = target.z;
      look.y = target.heading;
      look.x = -0.12;
      state.arrive();
    } else if (target && via.length > 0) {
      // Through the doors first, at walking pace and facing the way, so the walker never
      // crosses a wall on the way to the next stop.
      const next = via[0]!;
      const dx = next.x - pose.x;
      const dz = next.z - pose.z;
      const distance = Math.hypot(dx, dz);
      const step = Math.min(distance, WAY_SPEED * delta);
      if (distance > 1e-6) {
        pose.x += (dx / distance) * step;
        pose.z += (dz / distance) * step;
        const k = 1 - Math.exp(-FLIGHT_RATE * 2 * delta);
        look.y += shortestAngle(look.y, Math.atan2(-dx, -dz)) * k;
      }
      look.x += (-0.05 - look.x) * (1 - Math.exp(-FLIGHT_RATE * delta));
      if (distance - step < 0.05) state.passed();
    } else if (target) {
      // A flight eases by the clock, not by the frame: steps are capped so that a slow frame
      // cannot carry the walker through a wall, but a flight glides over walls anyway, and on a
      // slow device (a few frames a second) the capped step would stretch it to many seconds.
      const k = 1 - Math.exp(-FLIGHT_RATE * Math.min(rawDelta, FLIGHT_MAX_STEP_S));
      pose.x += (target.x - pose.x) * k;
      pose.z += (target.z - pose.z) * k;
      look.y += shortestAngle(look.y, target.heading) * k;
      look.x += (-0.12 - look.x) * k;
      if (Math.hypot(target.x - pose.x, target.z - pose.z) < 0.02 && Math.abs(shortestAngle(look.y, target.heading)) < 0.01) {
        state.arrive();
      }
    } else {
      const keys = getKeys();
      look.y += ((keys.turnLeft ? 1 : 0) - (keys.turnRight ? 1 : 0)) * TURN_SPEED * delta + stick.turn;
      stick.turn = 0;
      const forward = (keys.forward ? 1 : 0) - (keys.back ? 1 : 0) + stick.forward;
      const strafe = (keys.right ? 1 : 0) - (keys.left ? 1 : 0) + stick.strafe;
      if (forward !== 0 || strafe !== 0) {
        const length = Math.max(1, Math.hypot(forward, strafe));
        const step = ((keys.run ? RUN_SPEED : WALK_SPEED) * delta) / length;
        const sin = Math.sin(look.y);
        const cos = Math.cos(look.y);
        const dx = (-sin * forward + cos * strafe) * step;
        const dz = (-cos * forward - sin * strafe) * step;
        const next = slide(pose, { x: dx, z: dz }, walls);
        pose.x = next.x;
        pose.z = next.z;
      }
    }

    const keys = getKeys();
    const moving =
      useWalk.getState().target !== null ||
      keys.forward || keys.back || keys.left || keys.right || keys.turnLeft || keys.turnRight ||
      stick.forward !== 0 || stick.strafe !== 0 || stick.turn !== 0;
    if (moving) settling.current = SETTLING_FRAMES;
    if (moving || settling.current-- > 0) invalidate();

    pose.heading = look.y;
    camera.position.set(pose.x, EYE_HEIGHT, pose.z);
    camera.quaternion.setFromEuler(look);
    state.setRoom(roomAt(rooms, pose)?.id ?? null);
    state.setCell(Math.floor(pose.x / CELL_SIZE), Math.floor(pose.z / CELL_SIZE));
  });

  return null;
}
