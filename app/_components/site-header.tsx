// The top bar: brand, the demo, my palaces, what is due today, and who is signed in.
import Link from "next/link";
import { headers } from "next/headers";
import { DEMO_PALACE_ID } from "~/server/domain/palace/palace.schema";
import { appVersion } from "~/server/offline/app-version";
import { sessionUser } from "~/server/session";
import { HeaderMenu } from "./header-menu";
import { OfflineSupportLazy } from "./offline/offline-support-lazy";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const user = await sessionUser(await headers());
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Engram
      </Link>
      <HeaderMenu>
        <Link href={`/palaces/${DEMO_PALACE_ID}`}>Demo palace</Link>
        {user ? (
          <>
            <Link href="/today">Due today</Link>
            <Link href="/palaces">My palaces</Link>
            <Link href="/stats">Stats</Link>
            <Link href="/settings">Settings</Link>
            <span className="user-name">{user.name}</span>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/sign-in">Sign in</Link>
            <Link href="/sign-up" className="btn btn-primary btn-small">
              Sign up
            </Link>
          </>
        )}
      </HeaderMenu>
      <OfflineSupportLazy version={appVersion()} userId={user?.id ?? null} />
    </header>
  );
}
