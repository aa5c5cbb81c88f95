"use client";
// The offline machinery (service worker, grade queue, banner) loads after the page, so it adds
// nothing to any page's first-load JavaScript.
import dynamic from "next/dynamic";

export const OfflineSupportLazy = dynamic(() => import("./offline-support").then((m) => m.OfflineSupport), { ssr: false });
