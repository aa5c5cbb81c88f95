// The parts of troika-three-text (it ships no types) that the palace labels use.
declare module "troika-three-text" {
  import type { Color, DataTexture, Material, Mesh } from "three";

  export class Text extends Mesh {
    text: string;
    font: string | null;
    fontSize: number;
    maxWidth: number;
    anchorX: number | "left" | "center" | "right";
    anchorY: number | "top" | "top-baseline" | "middle" | "bottom-baseline" | "bottom";
    textAlign: "left" | "right" | "center" | "justify";
    color: string | number | Color | null;
    outlineWidth: number | string;
    outlineColor: string | number | Color;
    depthOffset: number;
    /** Set once the text is laid out: its block's [minX, minY, maxX, maxY] in local units. */
    readonly textRenderInfo: { blockBounds: [number, number, number, number] } | null;
    sync(callback?: () => void): void;
    dispose(): void;
    createDerivedMaterial(baseMaterial: Material): Material;
    _needsSync: boolean;
    _prepareForRender(material: Material): void;
  }

  export class BatchedText extends Text {
    addText(text: Text): void;
    removeText(text: Text): void;
    _members: Map<Text, { index: number; dirty: boolean }>;
    _needsRepack: boolean;
    _dataTextures: Record<string, DataTexture | undefined>;
    updateBounds(): void;
  }
}
