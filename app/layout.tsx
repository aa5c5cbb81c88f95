import type { Metadata, Viewport } from "next";
import "./globals.css";
import { SiteHeader } from "./_components/site-header";
import { Toasts } from "./_components/toasts";
import { TRPCReactProvider } from "./_trpc/client";

export const metadata: Metadata = {
  title: { default: "Engram: memory palaces for machine learning", template: "%s · Engram" },
  description: "Build 3D memory palaces of machine-learning concepts, link them like a mind map, and walk them to recall.",
};

export const viewport: Viewport = { themeColor: "#1d2330" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <TRPCReactProvider>
          <SiteHeader />
          <main id="main">{children}</main>
          <Toasts />
        </TRPCReactProvider>
      </body>
    </html>
  );
}
