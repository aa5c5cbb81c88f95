// Mind-map links as golden threads arching between concepts: every thread of the visible rooms
// is sampled into one line-segment geometry, one draw call however many links there are.
import { useLayoutEffect, useMemo } from "react";
import * as THREE from "three";

type V3 = [number, number, number];
const STEPS = 16;

export function LinkThreads({ threads }: { threads: { start: V3; end: V3 }[] }) {
  const geometry = useMemo(() => new THREE.BufferGeometry(), []);
  const material = useMemo(() => new THREE.LineBasicMaterial({ color: "#f2b35b", transparent: true, opacity: 0.9, toneMapped: false }), []);

  useLayoutEffect(() => {
    const points = new Float32Array(threads.length * STEPS * 2 * 3);
    let o = 0;
    const a = new THREE.Vector3();
    const b = new THREE.Vector3();
    const c = new THREE.Vector3();
    const curve = new THREE.QuadraticBezierCurve3(a, c, b);
    const p = new THREE.Vector3();
    for (const { start, end } of threads) {
      a.set(...start);
      b.set(...end);
      const span = Math.hypot(end[0] - start[0], end[2] - start[2]);
      c.set((start[0] + end[0]) / 2, Math.max(start[1], end[1]) + 0.6 + span * 0.12, (start[2] + end[2]) / 2);
      for (let i = 0; i < STEPS; i++) {
        for (const t of [i / STEPS, (i + 1) / STEPS]) {
          curve.getPoint(t, p);
          points[o++] = p.x;
          points[o++] = p.y;
          points[o++] = p.z;
        }
      }
    }
    geometry.setAttribute("position", new THREE.BufferAttribute(points, 3));
    geometry.computeBoundingSphere();
  }, [threads, geometry]);

  return <lineSegments geometry={geometry} material={material} visible={threads.length > 0} frustumCulled={false} />;
}
