"use client";
// Sign-in and sign-up share one form: the fields differ by one, the error handling not at all.
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { formText } from "./form-text";
import { useHydrated } from "./use-hydrated";

const PASSWORD_MIN = 8;

function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/palaces";
}

export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = formText(form, "email").trim();
    const password = formText(form, "password");
    const name = formText(form, "name").trim();
    if (mode === "sign-up" && password.length < PASSWORD_MIN) {
      setError(`Password must be at least ${PASSWORD_MIN} characters.`);
      return;
    }
    setBusy(true);
    setError(null);
    // better-auth's client loads on submit, keeping it off the page until someone signs in.
    const { authClient } = await import("./auth-client");
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ email, password, name: name || email.split("@")[0]! })
        : await authClient.signIn.email({ email, password });
    setBusy(false);
    if (result.error) {
      setError(
        result.error.status === 429
          ? "Too many attempts. Wait a few seconds and try again."
          : (result.error.message ?? "That did not work. Please try again."),
      );
      return;
    }
    router.push(safeNext(params.get("next")));
    router.refresh();
  }

  return (
    <div className="card auth-card">
      <h1>{mode === "sign-up" ? "Create your account" : "Welcome back"}</h1>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {mode === "sign-up" && (
          <div className="field">
            <label htmlFor="name">Name</label>
            <input id="name" name="name" autoComplete="name" maxLength={80} required />
          </div>
        )}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="email" required />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            minLength={mode === "sign-up" ? PASSWORD_MIN : undefined}
            required
            aria-describedby={mode === "sign-up" ? "password-help" : undefined}
          />
          {mode === "sign-up" && (
            <p id="password-help" className="small muted">
              At least {PASSWORD_MIN} characters. A long passphrase is best.
            </p>
          )}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="btn btn-primary" type="submit" disabled={busy || !hydrated} style={{ width: "100%" }}>
          {busy ? "One moment…" : mode === "sign-up" ? "Create account" : "Sign in"}
        </button>
      </form>
      <p className="small muted" style={{ marginTop: "1rem" }}>
        {mode === "sign-up" ? (
          <>
            Already have an account? <Link href="/sign-in">Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link href="/sign-up">Create an account</Link>
          </>
        )}
      </p>
    </div>
  );
}
