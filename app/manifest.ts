// The web app manifest: Engram installs as an app of its own, opening on Due today, the daily
// loop, with our icons (a maskable one for launchers that crop to a shape).
import type { MetadataRoute } from "next";

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Engram: memory palaces for machine learning",
    short_name: "Engram",
    description: "Build 3D memory palaces of machine-learning concepts and walk them to recall, online or offline.",
    start_url: "/today",
    scope: "/",
    display: "standalone",
    orientation: "any",
    background_color: "#f6f3ee",
    theme_color: "#1d2330",
    categories: ["education", "productivity"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
