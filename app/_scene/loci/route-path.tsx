// The palace route drawn on the floors: a faint line from stop to stop in walking order, and
// each stop's number lying on the floor beside it. One line geometry and one batched text.
import { useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo } from "react";
import * as THREE from "three";
import { Text } from "troika-three-text";
import { SCENE_FONT_BOLD } from "../fonts";
import { QuietBatchedText } from "./text-batch";

export interface RouteStop {
  order: number;
  position: [number, number, number];
}

const FLOOR = 0.035;

export function RoutePath({ stops }: { stops: RouteStop[] }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => new THREE.BufferGeometry(), []);
  const material = useMemo(() => new THREE.LineBasicMaterial({ color: "#fff6e0", transparent: true, opacity: 0.55, toneMapped: false }), []);
  const numbers = useMemo(() => {
    const batch = new QuietBatchedText();
    batch.material = new THREE.MeshBasicMaterial({ transparent: true, toneMapped: false, opacity: 0.9 });
    return batch;
  }, []);

  useLayoutEffect(() => {
    const sorted = [...stops].sort((a, b) => a.order - b.order);
    const points: number[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      // Only consecutive stops: a gap (a room not drawn) breaks the line instead of crossing walls.
      if (b.order !== a.order + 1) continue;
      points.push(a.position[0], FLOOR, a.position[2], b.position[0], FLOOR, b.position[2]);
    }
    geometry.setAttribute("position", new THREE.Float32BufferAttribute(points, 3));
    geometry.computeBoundingSphere();

    for (const member of [...numbers._members.keys()]) {
      numbers.removeText(member);
      member.dispose();
    }
    for (const stop of sorted) {
      const text = new Text();
      text.font = SCENE_FONT_BOLD;
      text.fontSize = 0.32;
      text.text = String(stop.order);
      text.anchorX = "center";
      text.anchorY = "middle";
      text.color = 0xfff6e0;
      text.outlineWidth = 0.03;
      text.outlineColor = 0x1d2330;
      text.position.set(stop.position[0] + 0.55, FLOOR + 0.01, stop.position[2] + 0.55);
      text.rotation.set(-Math.PI / 2, 0, 0);
      text.updateMatrix();
      numbers.addText(text);
    }
    numbers.touch();
    numbers.sync(() => invalidate());
    invalidate();
  }, [stops, geometry, numbers, invalidate]);

  useEffect(() => () => {
    geometry.dispose();
    numbers.dispose();
  }, [geometry, numbers]);

  return (
    <group userData={{ kind: "route" }}>
      <lineSegments geometry={geometry} material={material} frustumCulled={false} />
      <primitive object={numbers} frustumCulled={false} />
    </group>
  );
}
