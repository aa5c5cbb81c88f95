// Text in the scene uses fonts shipped in public/: drei's default would fetch one from a CDN.
export const SCENE_FONT = "/fonts/DejaVuSans.ttf";
export const SCENE_FONT_BOLD = "/fonts/DejaVuSans-Bold.ttf";
