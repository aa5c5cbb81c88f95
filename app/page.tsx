// Landing page: what Engram is, the demo palace to open without an account, and the way in.
import Link from "next/link";
import { headers } from "next/headers";
import { DEMO_PALACE_ID } from "~/server/domain/palace/palace.schema";
import { sessionUser } from "~/server/session";

export default async function LandingPage() {
  const user = await sessionUser(await headers());
  return (
    <div className="page">
      <section className="hero">
        <div>
          <h1>Remember machine learning the way you remember your home.</h1>
          <p>
            Engram turns what you learn into a memory palace: rooms you can walk through in 3D, with every layer, loss,
            optimiser, trick and failure mode standing in its own place. Link ideas like a mind map, walk the rooms to
            recall them, and share a palace with your team.
          </p>
          <div className="hero-actions">
            <Link className="btn btn-primary" href={`/palaces/${DEMO_PALACE_ID}`}>
              Walk the demo palace
            </Link>
            {user ? (
              <Link className="btn" href="/palaces">
                My palaces
              </Link>
            ) : (
              <>
                <Link className="btn" href="/sign-up">
                  Create an account
                </Link>
                <Link className="btn btn-ghost" href="/sign-in">
                  Sign in
                </Link>
              </>
            )}
          </div>
        </div>
        <div className="hero-art">
          {/* eslint-disable-next-line @next/next/no-img-element -- a static screenshot, no optimisation needed */}
          <img src="/screenshots/demo-canvas.png" alt="The demo palace seen from above: four rooms with concepts on pedestals, books and lamps" />
        </div>
      </section>
      <section className="features" aria-label="What you can do">
        <div className="card">
          <h2>Build rooms</h2>
          <p className="muted">Lay out rooms on a floor plan, join them with doors, and give each its own colour.</p>
        </div>
        <div className="card">
          <h2>Place concepts</h2>
          <p className="muted">Put each idea on a pedestal, a book or a lamp, with notes in Markdown and links to others.</p>
        </div>
        <div className="card">
          <h2>Walk and recall</h2>
          <p className="muted">Come back to the same rooms and the concepts come back with them.</p>
        </div>
      </section>
    </div>
  );
}
