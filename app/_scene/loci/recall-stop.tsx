// The current stop of a recall walk in 3D: a cloth over its title (and over its picture, when it
// has one) until it is revealed, and "lights out", which puts the palace in the dark but for a
// spotlight on that stop. Both are small and local, drawn only while a recall walk runs.
import { Billboard, Text } from "@react-three/drei";
import { useMemo } from "react";
import * as THREE from "three";
import { SCENE_FONT } from "../fonts";

const CLOTH = "#5b1f2b";
const CLOTH_EDGE = "#d9b26a";

export interface RecallStopSpot {
  /** Where the object stands on its floor, world coordinates. */
  position: [number, number, number];
  /** Top of the object above its floor (where its title floats). */
  height: number;
}

/** A draped cloth where the title would float, and a covered frame where the picture hangs. */
export function RecallCover({ spot, picture }: { spot: RecallStopSpot; picture: { width: number; height: number } | null }) {
  const [x, y, z] = spot.position;
  return (
    <group userData={{ kind: "recall-cover" }}>
      <Billboard position={[x, y + spot.height + 0.3, z]}>
        <mesh position={[0, 0, -0.005]}>
          <planeGeometry args={[0.78, 0.36]} />
          <meshBasicMaterial color={CLOTH_EDGE} toneMapped={false} />
        </mesh>
        <mesh>
          <planeGeometry args={[0.74, 0.32]} />
          <meshStandardMaterial color={CLOTH} roughness={1} emissive={CLOTH} emissiveIntensity={0.35} />
        </mesh>
        <Text font={SCENE_FONT} fontSize={0.22} color="#f4e7c8" anchorX="center" anchorY="middle" position={[0, 0, 0.01]}>
          ?
        </Text>
      </Billboard>
      {picture && (
        <Billboard position={[x, y + 0.7 + picture.height / 2, z]}>
          {/* Beside the object on the viewer's right, as the picture itself would hang. */}
          <mesh position={[0.3 + picture.width / 2, 0, 0]}>
            <planeGeometry args={[picture.width, picture.height]} />
            <meshStandardMaterial color={CLOTH} roughness={1} emissive={CLOTH} emissiveIntensity={0.35} />
          </mesh>
        </Billboard>
      )}
    </group>
  );
}

/**
 * The lighting of a room with the lights out: nearly nothing everywhere, and a narrow warm
 * spotlight from above on the one stop being recalled.
 */
export function LightsOut({ spot }: { spot: RecallStopSpot | null }) {
  const target = useMemo(() => new THREE.Object3D(), []);
  const [x, y, z] = spot?.position ?? [0, 0, 0];
  const top = y + (spot?.height ?? 1);
  return (
    <>
      <color attach="background" args={["#050609"]} />
      <ambientLight intensity={0.03} />
      {spot && (
        <group userData={{ kind: "recall-light", at: [x, top / 2, z] }}>
          <primitive object={target} position={[x, y + 0.3, z]} />
          <spotLight position={[x, y + 3.2, z]} target={target} angle={0.3} penumbra={0.5} intensity={6} decay={0} distance={5} color="#fff1d6" />
        </group>
      )}
    </>
  );
}
