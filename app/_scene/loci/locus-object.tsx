// One placed concept drawn on its own: a mesh per part and a text per title. The palace draws
// concepts instanced (loci-instances.tsx); this is the one-by-one baseline the scene benchmark
// measures against.
import { Billboard, Text } from "@react-three/drei";
import type { ThreeEvent } from "@react-three/fiber";
import type { TLocusShape } from "~/server/domain/locus/locus.schema";
import { SCENE_FONT } from "../fonts";
import { SHAPE_HEIGHT } from "./shape-parts";

const STONE = "#ece6da";


function Shape({ shape, color }: { shape: TLocusShape; color: string }) {
  switch (shape) {
    case "pedestal":
      return (
        <>
          <mesh position={[0, 0.45, 0]}>
            <cylinderGeometry args={[0.26, 0.32, 0.9, 20]} />
            <meshStandardMaterial color={STONE} roughness={0.8} />
          </mesh>
          <mesh position={[0, 1.02, 0]} rotation-x={-0.5}>
            <boxGeometry args={[0.55, 0.06, 0.38]} />
            <meshStandardMaterial color={color} roughness={0.5} />
          </mesh>
        </>
      );
    case "cube":
      return (
        <mesh position={[0, 0.33, 0]}>
          <boxGeometry args={[0.62, 0.62, 0.62]} />
          <meshStandardMaterial color={color} roughness={0.55} />
        </mesh>
      );
    case "sphere":
      return (
        <>
          <mesh position={[0, 0.05, 0]}>
            <cylinderGeometry args={[0.28, 0.32, 0.1, 20]} />
            <meshStandardMaterial color={STONE} roughness={0.8} />
          </mesh>
          <mesh position={[0, 0.45, 0]}>
            <sphereGeometry args={[0.35, 28, 20]} />
            <meshStandardMaterial color={color} roughness={0.35} />
          </mesh>
        </>
      );
    case "book":
      return (
        <>
          <mesh position={[0, 0.4, 0]}>
            <boxGeometry args={[0.45, 0.8, 0.35]} />
            <meshStandardMaterial color={STONE} roughness={0.8} />
          </mesh>
          <mesh position={[0, 0.88, 0]} rotation-x={-0.35}>
            <boxGeometry args={[0.6, 0.12, 0.45]} />
            <meshStandardMaterial color={color} roughness={0.6} />
          </mesh>
        </>
      );
    case "lamp":
      return (
        <>
          <mesh position={[0, 0.04, 0]}>
            <cylinderGeometry args={[0.22, 0.25, 0.08, 20]} />
            <meshStandardMaterial color="#3a3a40" roughness={0.6} />
          </mesh>
          <mesh position={[0, 0.7, 0]}>
            <cylinderGeometry args={[0.035, 0.035, 1.3, 10]} />
            <meshStandardMaterial color="#3a3a40" roughness={0.6} />
          </mesh>
          <mesh position={[0, 1.42, 0]}>
            <sphereGeometry args={[0.2, 24, 16]} />
            <meshStandardMaterial color={color} emissive={color} emissiveIntensity={0.8} roughness={0.3} />
          </mesh>
        </>
      );
  }
}

export function LocusObject(props: {
  locusId: string;
  title: string;
  shape: TLocusShape;
  color: string;
  position: [number, number, number];
  rotationY: number;
  selected: boolean;
  onSelect(): void;
}) {
  const onClick = (event: ThreeEvent<MouseEvent>) => {
    event.stopPropagation();
    props.onSelect();
  };
  const height = SHAPE_HEIGHT[props.shape];
  return (
    <group position={props.position} userData={{ kind: "locus", locusId: props.locusId }}>
      <group rotation-y={props.rotationY} onClick={onClick}>
        <Shape shape={props.shape} color={props.color} />
      </group>
      {props.selected && (
        <mesh rotation-x={-Math.PI / 2} position={[0, 0.03, 0]}>
          <ringGeometry args={[0.45, 0.58, 40]} />
          <meshBasicMaterial color="#f2b35b" />
        </mesh>
      )}
      <Billboard position={[0, height + 0.3, 0]}>
        <Text
          font={SCENE_FONT}
          fontSize={0.26}
          maxWidth={2.4}
          textAlign="center"
          anchorX="center"
          anchorY="bottom"
          color="#ffffff"
          outlineWidth={0.022}
          outlineColor="#1d2330"
          onClick={onClick}
        >
          {props.title}
        </Text>
      </Billboard>
    </group>
  );
}
