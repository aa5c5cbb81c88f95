// In test mode the page exposes what the renderer drew (renderer.info) and how many concept
// objects stand in the scene, so browser tests can check the 3D view without guessing.
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useRef } from "react";
import { Vector3 } from "three";
import { type Pose, useWalk } from "../../_stores/walk-store";
import type { LabelReport } from "../loci/text-batch";
import { commitCounts, countCommits } from "./use-commit-count";

export interface EngramTestHooks {
  frames: number;
  info(): { calls: number; triangles: number; geometries: number; textures: number };
  loci(): string[];
  rooms(): string[];
  /** Teammates drawn in the scene (their user ids). */
  avatars(): string[];
  /** Pictures whose texture is loaded and shown: which concept, which size, where. */
  pictures(): { conceptId: string; level: "thumb" | "display"; position: [number, number, number] }[];
  /**
   * Every label (concept titles, room names from above) as last laid out: where it stands on
   * the page, its font size on screen, whether decluttering shows it, and its colours.
   */
  labels(): LabelReport[];
  /** How many visible objects carry this kind (e.g. "route"). */
  count(kind: string): number;
  /** Puts the walker at a pose, so a test can then walk from a known spot with the keys. */
  teleport(pose: Pose): void;
  pose(): Pose;
  /** False while a flight (tour, click, teleport) is still on its way. */
  arrived(): boolean;
  /** performance.now() of the first rendered frame: time from navigation to first frame. */
  firstFrameAt: number | null;
  /** Milliseconds of CPU spent inside each renderer.render() call since the last reset. */
  renderTimes: number[];
  /** Asks for one more frame: the scene draws on demand, so a test that times frames asks for them. */
  invalidate(): void;
  /** Lights out during a recall walk: the middle of the lit stop, or null when the lights are on. */
  lit(): [number, number, number] | null;
  /** Where a point of the palace appears on the page, in CSS pixels (for pointer tests). */
  project(x: number, y: number, z: number): { x: number; y: number };
  /** React commits per part of the scene since the page opened ("canvas" is its root). */
  commits(): Record<string, number>;
}

declare global {
  interface Window {
    __engram?: EngramTestHooks;
  }
}

export function useTestHooks(enabled: boolean) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const frames = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    countCommits(true);
    // Time what the renderer itself costs on the main thread, frame by frame.
    const render = gl.render.bind(gl);
    const renderTimes: number[] = [];
    let firstFrameAt: number | null = null;
    gl.render = (scene, camera) => {
      const started = performance.now();
      render(scene, camera);
      const ended = performance.now();
      firstFrameAt ??= ended;
      renderTimes.push(ended - started);
      if (renderTimes.length > 2000) renderTimes.splice(0, 1000);
    };
    const collect = (kind: string, key: string) => {
      const ids: string[] = [];
      scene.traverse((o) => {
        if (o.userData.kind === kind && o.visible) ids.push(o.userData[key] as string);
        // Instanced concepts: one group lists every locus it draws.
        if (kind === "locus" && o.userData.kind === "loci") ids.push(...(o.userData.locusIds as string[]));
        // Batched rooms: one group lists every room it draws.
        if (kind === "room" && o.userData.kind === "rooms" && o.visible) ids.push(...(o.userData.roomIds as string[]));
      });
      return ids;
    };
    window.__engram = {
      get frames() {
        return frames.current;
      },
      info: () => ({
        calls: gl.info.render.calls,
        triangles: gl.info.render.triangles,
        geometries: gl.info.memory.geometries,
        textures: gl.info.memory.textures,
      }),
      loci: () => collect("locus", "locusId"),
      rooms: () => collect("room", "roomId"),
      avatars: () => collect("avatar", "userId"),
      pictures: () => {
        const shown: { conceptId: string; level: "thumb" | "display"; position: [number, number, number] }[] = [];
        scene.traverse((o) => {
          if (o.userData.kind === "picture" && o.visible && o.userData.level) {
            shown.push({ conceptId: o.userData.conceptId as string, level: o.userData.level as "thumb" | "display", position: o.position.toArray() });
          }
        });
        return shown;
      },
      labels: () => {
        const reports: LabelReport[] = [];
        scene.traverse((o) => {
          if (o.userData.kind === "labels" && o.visible) reports.push(...(o.userData.report as () => LabelReport[])());
        });
        return reports;
      },
      count: (kind) => {
        let n = 0;
        scene.traverse((o) => {
          if (o.userData.kind === kind && o.visible) n++;
        });
        return n;
      },
      teleport: (pose) => useWalk.getState().teleport(pose),
      pose: () => ({ ...useWalk.getState().pose }),
      arrived: () => useWalk.getState().target === null,
      get firstFrameAt() {
        return firstFrameAt;
      },
      renderTimes,
      lit: () => {
        let at: [number, number, number] | null = null;
        scene.traverse((o) => {
          if (o.userData.kind === "recall-light") at = o.userData.at as [number, number, number];
        });
        return at;
      },
      project: (x, y, z) => {
        const p = new Vector3(x, y, z).project(camera);
        const box = gl.domElement.getBoundingClientRect();
        return { x: box.left + ((p.x + 1) / 2) * box.width, y: box.top + ((1 - p.y) / 2) * box.height };
      },
      commits: commitCounts,
      invalidate: () => invalidate(),
    };
    return () => {
      gl.render = render;
      countCommits(false);
      delete window.__engram;
    };
  }, [enabled, gl, scene, camera, invalidate]);

  useFrame(() => {
    frames.current += 1;
  });
}
