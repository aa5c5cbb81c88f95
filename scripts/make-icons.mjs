// Draws the app's install icons from app/icon.svg: 192 and 512 px, and a maskable 512 px one
// whose mark sits inside the safe circle (the middle 80 %) on the brand's dark ground.
// Run once after changing the icon: node scripts/make-icons.mjs
import fs from "node:fs";
import sharp from "sharp";

const svg = fs.readFileSync("app/icon.svg");
fs.mkdirSync("public/icons", { recursive: true });
for (const size of [192, 512]) {
  await sharp(svg, { density: (72 * size) / 32 }).resize(size, size).png().toFile(`public/icons/icon-${size}.png`);
}
const mark = await sharp(svg, { density: (72 * 320) / 32 }).resize(320, 320).png().toBuffer();
await sharp({ create: { width: 512, height: 512, channels: 4, background: "#1d2330" } })
  .composite([{ input: mark, top: 96, left: 96 }])
  .png()
  .toFile("public/icons/maskable-512.png");
