// Floor textures drawn once per room theme from its palette.
import * as THREE from "three";
import type { TRoomTheme } from "~/server/domain/room/room.schema";
import { THEMES } from "./palette";

const cache = new Map<TRoomTheme, THREE.CanvasTexture>();

/** A small tiling texture drawn once per theme; repeat is set per room by the caller's UVs. */
export function floorTexture(theme: TRoomTheme): THREE.CanvasTexture {
  const hit = cache.get(theme);
  if (hit) return hit;
  const look = THEMES[theme];
  const size = 128;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const g = canvas.getContext("2d")!;
  g.fillStyle = look.floor;
  g.fillRect(0, 0, size, size);
  g.fillStyle = look.floorAlt;
  g.strokeStyle = look.floorAlt;
  switch (look.pattern) {
    case "tiles":
      g.lineWidth = 4;
      g.strokeRect(2, 2, size - 4, size - 4);
      break;
    case "checker":
      g.fillRect(0, 0, size / 2, size / 2);
      g.fillRect(size / 2, size / 2, size / 2, size / 2);
      break;
    case "planks":
      for (let i = 0; i < 4; i++) g.fillRect(0, i * 32 + 30, size, 3);
      g.fillRect(size / 2, 0, 3, 32);
      g.fillRect(size / 4, 64, 3, 32);
      break;
    case "herringbone":
      g.lineWidth = 6;
      for (let i = -size; i < size * 2; i += 32) {
        g.beginPath();
        g.moveTo(i, 0);
        g.lineTo(i + size / 2, size / 2);
        g.lineTo(i, size);
        g.stroke();
      }
      break;
    case "stripes":
      for (let i = 0; i < size; i += 32) g.fillRect(i, 0, 12, size);
      break;
    case "dots":
      for (let x = 16; x < size; x += 32)
        for (let y = 16; y < size; y += 32) {
          g.beginPath();
          g.arc(x, y, 5, 0, Math.PI * 2);
          g.fill();
        }
      break;
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.wrapS = texture.wrapT = THREE.RepeatWrapping;
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  cache.set(theme, texture);
  return texture;
}
