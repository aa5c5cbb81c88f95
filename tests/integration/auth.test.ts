// Accounts through better-auth's real HTTP handler, the way the browser reaches it: cookies
// and rate limits included. (better-auth skips its origin check when NODE_ENV is test.)
import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "~/server/db/client";
import { accounts, sessions, users } from "~/server/db/schema";
import { BLANK_PASSWORD_MESSAGE, COMMON_PASSWORD_MESSAGE } from "~/server/security/password-policy";
import { PEER_ADDRESS_HEADER } from "~/server/security/peer-address";
import { ACCOUNT_CEILING, PAIR_FIRST_DELAY_MS, TOO_MANY_SIGN_INS_MESSAGE } from "~/server/security/sign-in-limit";
import { testDatabases } from "../helpers/databases";
import { createAuth } from "~/server/auth";
import { makeAuth } from "../helpers/world";

const ORIGIN = "http://localhost:3999";
const PASSWORD = "correct horse battery";
const SESSION_COOKIE = "better-auth.session_token";

interface Reply {
  status: number;
  body: unknown;
  /** Cookies the reply sets, name to the full Set-Cookie line. */
  cookies: Map<string, string>;
}

describe.each(testDatabases)("auth on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let auth: ReturnType<typeof makeAuth>;
  beforeAll(async () => {
    database = await target.open();
    auth = makeAuth(database);
  });
  afterAll(() => database.drop());

  const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

  /**
   * One client: its own address, stamped the way the server stamps the TCP peer's (rate limits
   * count per address, so tests do not share a budget), and the cookie jar a browser would
   * keep. `forwardedFor` adds an X-Forwarded-For header, new on every request when a function.
   */
  function client(options: { ip?: string; forwardedFor?: string | (() => string); via?: ReturnType<typeof makeAuth> } = {}) {
    const ip = options.ip ?? randomAddress();
    const handler = options.via ?? auth;
    let jar = "";
    async function send(path: string, init: { method?: "GET" | "POST"; body?: object; cookie?: string } = {}) {
      const headers = new Headers({ origin: ORIGIN, [PEER_ADDRESS_HEADER]: ip });
      const forwarded = typeof options.forwardedFor === "function" ? options.forwardedFor() : options.forwardedFor;
      if (forwarded) headers.set("x-forwarded-for", forwarded);
      if (init.body) headers.set("content-type", "application/json");
      const cookie = init.cookie ?? jar;
      if (cookie) headers.set("cookie", cookie);
      const response = await handler.handler(
        new Request(`${ORIGIN}/api/auth${path}`, {
          method: init.method ?? "POST",
          headers,
          body: init.body ? JSON.stringify(init.body) : undefined,
        }),
      );
      const text = await response.text();
      const cookies = new Map(response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf("=")), line]));
      const session = cookies.get(SESSION_COOKIE);
      if (session) jar = session.split(";")[0]!;
      return { status: response.status, body: text ? JSON.parse(text) : null, cookies } satisfies Reply;
    }
    return {
      ip,
      send,
      get cookie() {
        return jar;
      },
      signUp: (email: string, password = PASSWORD, name = "Ada") => send("/sign-up/email", { body: { email, password, name } }),
      signIn: (email: string, password = PASSWORD) => send("/sign-in/email", { body: { email, password } }),
      getSession: (cookie?: string) => send("/get-session", { method: "GET", cookie }),
      signOut: () => send("/sign-out", { body: {} }),
      changePassword: (currentPassword: string, newPassword: string, revokeOtherSessions = false) =>
        send("/change-password", { body: { currentPassword, newPassword, revokeOtherSessions } }),
    };
  }

  const freshEmail = (name = "ada") => `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const usersWithEmail = (email: string) => database.db.select().from(users).where(eq(users.email, email.toLowerCase()));

  describe("sign up", () => {
    it("creates the user and sets an HttpOnly session cookie backed by a session row", async () => {
      const browser = client();
      const email = freshEmail();
      const reply = await browser.signUp(email);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ user: { email, name: "Ada", emailVerified: false }, token: expect.any(String) });
      expect(JSON.stringify(reply.body)).not.toContain(PASSWORD);

      const setCookie = reply.cookies.get(SESSION_COOKIE);
      expect(setCookie).toBeDefined();
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).toMatch(/Path=\//);

      const token = (reply.body as { token: string }).token;
      const [row] = await database.db.select().from(sessions).where(eq(sessions.token, token));
      expect(row?.userId).toBe((reply.body as { user: { id: string } }).user.id);
      expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    });

    it("stores a password hash, never the password", async () => {
      const browser = client();
      const email = freshEmail();
      const reply = await browser.signUp(email);
      const userId = (reply.body as { user: { id: string } }).user.id;
      const [account] = await database.db.select().from(accounts).where(eq(accounts.userId, userId));
      expect(account?.providerId).toBe("credential");
      expect(account?.password).toBeTruthy();
      expect(account!.password).not.toContain(PASSWORD);
    });

    it("refuses a 7-character password and creates no user", async () => {
      const browser = client();
      const email = freshEmail();
      const reply = await browser.signUp(email, "1234567");
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: "PASSWORD_TOO_SHORT", message: "Password too short" });
      expect(reply.cookies.has(SESSION_COOKIE)).toBe(false);
      expect(await usersWithEmail(email)).toEqual([]);
      expect((await browser.signUp(email, "k4#mq9vz")).status).toBe(200);
    });

    it("refuses a password longer than 256 characters", async () => {
      const reply = await client().signUp(freshEmail(), "p".repeat(257));
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: "PASSWORD_TOO_LONG" });
    });

    it("refuses the most common passwords, whatever their case, with a sentence saying why", async () => {
      for (const common of ["password", "iloveyou", "Sunshine", "QWERTYUIOP", "1qaz2wsx", "trustno1"]) {
        const email = freshEmail();
        const reply = await client().signUp(email, common);
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({ code: "PASSWORD_TOO_COMMON", message: COMMON_PASSWORD_MESSAGE });
        expect(reply.cookies.has(SESSION_COOKIE)).toBe(false);
        expect(await usersWithEmail(email)).toEqual([]);
      }
    });

    it("refuses a password made only of spaces, tabs or other blank characters, with a sentence", async () => {
      for (const blank of [" ".repeat(8), " ".repeat(256), "\t".repeat(12), "\u00a0\u3000 \n\u2003\t  \u00a0"]) {
        const email = freshEmail();
        const reply = await client().signUp(email, blank);
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({ code: "PASSWORD_BLANK", message: BLANK_PASSWORD_MESSAGE });
        expect(await usersWithEmail(email)).toEqual([]);
      }
      // Nor can an existing password be changed to one; the old one keeps working.
      const email = freshEmail();
      const browser = client();
      await browser.signUp(email);
      const change = await browser.changePassword(PASSWORD, " ".repeat(12));
      expect(change.status).toBe(400);
      expect(change.body).toMatchObject({ code: "PASSWORD_BLANK" });
      expect((await client().signIn(email)).status).toBe(200);
    });

    it("accepts a long passphrase of exactly 256 characters, spaces and all", async () => {
      const passphrase = "the quick owl remembers every room of the palace ".repeat(6).slice(0, 256);
      expect(passphrase).toHaveLength(256);
      const email = freshEmail();
      expect((await client().signUp(email, passphrase)).status).toBe(200);
      expect((await client().signIn(email, passphrase)).status).toBe(200);
    });

    it("refuses an email that is already registered, whatever its case", async () => {
      const email = freshEmail();
      expect((await client().signUp(email)).status).toBe(200);
      for (const again of [email, email.toUpperCase()]) {
        const reply = await client().signUp(again, "another password", "Impostor");
        expect(reply.status).toBe(422);
        expect(reply.body).toMatchObject({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: expect.stringMatching(/already exists/) });
        expect(reply.cookies.has(SESSION_COOKIE)).toBe(false);
      }
      const rows = await usersWithEmail(email);
      expect(rows.map((u) => u.name)).toEqual(["Ada"]);
    });
  });

  describe("get-session", () => {
    it("returns the signed-in user for the session cookie", async () => {
      const browser = client();
      const email = freshEmail();
      await browser.signUp(email, PASSWORD, "Grace");
      const reply = await browser.getSession();
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ user: { email, name: "Grace" }, session: { token: expect.any(String) } });
    });

    it("returns null without a cookie or with a forged one", async () => {
      const browser = client();
      await browser.signUp(freshEmail());
      const [name, value] = browser.cookie.split("=") as [string, string];
      const forged = `${name}=${value.replace(/^[^.]+/, "x".repeat(32))}`;
      expect((await client().getSession()).body).toBeNull();
      expect((await client().getSession(forged)).body).toBeNull();
    });
  });

  describe("sign in", () => {
    it("refuses a wrong password without a session, then accepts the right one", async () => {
      const email = freshEmail();
      await client().signUp(email);
      const browser = client();

      const wrong = await browser.signIn(email, "incorrect horse battery");
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
      expect(wrong.cookies.has(SESSION_COOKIE)).toBe(false);
      expect((await browser.getSession()).body).toBeNull();

      const right = await browser.signIn(email);
      expect(right.status).toBe(200);
      expect(right.cookies.has(SESSION_COOKIE)).toBe(true);
      expect(await browser.getSession()).toMatchObject({ status: 200, body: { user: { email } } });
    });

    it("answers an unknown email exactly like a wrong password", async () => {
      const reply = await client().signIn(freshEmail("nobody"));
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
    });

    it("stops guessing after three attempts in ten seconds from one address", async () => {
      const email = freshEmail();
      await client().signUp(email);
      const attacker = client();
      for (let i = 0; i < 3; i++) expect((await attacker.signIn(email, `guess number ${i}`)).status).toBe(401);
      const blocked = await attacker.signIn(email);
      expect(blocked.status).toBe(429);
      expect(blocked.cookies.has(SESSION_COOKIE)).toBe(false);
      // Someone else, from another address, signs in to their own account undisturbed.
      const other = freshEmail("grace");
      await client().signUp(other);
      expect((await client().signIn(other)).status).toBe(200);
    });
  });

  describe("rate limits", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("does not lock the owner out at their usual address after someone else's wrong passwords", async () => {
      const email = freshEmail();
      const owner = client();
      await owner.signUp(email);
      expect((await client({ ip: owner.ip }).signIn(email)).status).toBe(200);
      // Two strangers, three wrong passwords each from their own address.
      for (let i = 0; i < 2; i++) {
        const stranger = client();
        for (let j = 0; j < 3; j++) expect((await stranger.signIn(email, `guess ${i}.${j}`)).status).toBe(401);
        expect((await stranger.signIn(email, `guess ${i}.3`)).status).toBe(429);
      }
      expect((await client({ ip: owner.ip }).signIn(email)).status).toBe(200);
      // From a new address too, while the account is below its ceiling.
      expect((await client().signIn(email)).status).toBe(200);
    }, 180_000);

    it("makes one address wait after three failures on an account, longer after each further one", async () => {
      const email = freshEmail();
      await client().signUp(email);
      const guesser = client();
      for (let i = 0; i < 3; i++) expect((await guesser.signIn(email, `guess ${i}`)).status).toBe(401);
      // Refused before the password is checked, even the right one (the per-address limit
      // across accounts answers this one too).
      const blocked = await guesser.signIn(email);
      expect(blocked.status).toBe(429);
      expect(blocked.cookies.has(SESSION_COOKIE)).toBe(false);

      const fourth = Date.now() + PAIR_FIRST_DELAY_MS + 500;
      vi.useFakeTimers({ toFake: ["Date"], now: fourth });
      expect((await guesser.signIn(email, "guess 3")).status).toBe(401);
      // The next wait is twice as long: 11 s later is still too soon, 20.5 s later is not.
      vi.setSystemTime(fourth + 11_000);
      const again = await guesser.signIn(email);
      expect(again.status).toBe(429);
      expect(again.body).toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS", message: TOO_MANY_SIGN_INS_MESSAGE });
      expect(again.cookies.has(SESSION_COOKIE)).toBe(false);
      vi.setSystemTime(fourth + 2 * PAIR_FIRST_DELAY_MS + 500);
      expect((await guesser.signIn(email)).status).toBe(200);
    });

    it("holds an account at its ceiling for addresses new to it, while the owner's usual address gets in", async () => {
      const email = freshEmail();
      const owner = client();
      await owner.signUp(email);
      expect((await client({ ip: owner.ip }).signIn(email)).status).toBe(200);
      for (let i = 0; i < ACCOUNT_CEILING; i++) expect((await client().signIn(email, `spread guess ${i}`)).status).toBe(401);
      const blocked = await client().signIn(email);
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS" });
      expect((await client({ ip: owner.ip }).signIn(email)).status).toBe(200);
    }, 180_000);

    it("counts only failures: a successful sign-in starts the address's count again", async () => {
      const email = freshEmail();
      await client().signUp(email);
      const person = client();
      for (let i = 0; i < 2; i++) expect((await person.signIn(email, `typo ${i}`)).status).toBe(401);
      // Spaced out past the per-address limit across accounts, which counts every request.
      const later = Date.now() + 10_500;
      vi.useFakeTimers({ toFake: ["Date"], now: later });
      expect((await client({ ip: person.ip }).signIn(email)).status).toBe(200);
      vi.setSystemTime(later + 10_500);
      for (let i = 0; i < 2; i++) expect((await client({ ip: person.ip }).signIn(email, `typo again ${i}`)).status).toBe(401);
    });

    it("lets no more than three of a burst of parallel guesses from one address reach the password check", async () => {
      const email = freshEmail();
      await client().signUp(email);
      const ip = randomAddress();
      const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => client({ ip }).signIn(email, `burst ${i}`)));
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    });

    it("refuses the fourth sign-in from one address across accounts, whatever X-Forwarded-For claims", async () => {
      const targets = await Promise.all([0, 1, 2, 3].map(async () => {
        const email = freshEmail();
        await client().signUp(email);
        return email;
      }));
      const attacker = client({ forwardedFor: randomAddress });
      for (const email of targets.slice(0, 3)) expect((await attacker.signIn(email, "wrong guess")).status).toBe(401);
      expect((await attacker.signIn(targets[3]!, "wrong guess")).status).toBe(429);
    });

    it("counts per X-Forwarded-For address once the proxy is trusted", async () => {
      const trusting = makeAuth(database, { trustProxy: true });
      const proxyAddress = randomAddress();
      const email = freshEmail();
      await client().signUp(email);
      // Three people behind one proxy each fail once on their own accounts, then one of them
      // signs in: one address (the proxy's) would have been locked out by now.
      for (let i = 0; i < 3; i++) {
        const someone = freshEmail();
        await client().signUp(someone);
        expect((await client({ ip: proxyAddress, forwardedFor: randomAddress(), via: trusting }).signIn(someone, "wrong")).status).toBe(401);
      }
      expect((await client({ ip: proxyAddress, forwardedFor: randomAddress(), via: trusting }).signIn(email)).status).toBe(200);
    });
  });

  describe("cookies", () => {
    it("are HttpOnly, SameSite=Lax and Secure (with the __Secure- prefix) when secure cookies are on", async () => {
      const secure = createAuth({ db: database.db, secret: "test-secret-test-secret-test-secret!", baseURL: ORIGIN, secureCookies: true });
      const reply = await client({ via: secure }).signUp(freshEmail());
      expect(reply.status).toBe(200);
      const line = reply.cookies.get(`__Secure-${SESSION_COOKIE}`);
      expect(line).toBeDefined();
      expect(line).toMatch(/; Secure/i);
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Lax/i);
    });
  });

  describe("change password", () => {
    it("refuses a common new password and keeps the old one", async () => {
      const email = freshEmail();
      const browser = client();
      await browser.signUp(email);
      const reply = await browser.changePassword(PASSWORD, "baseball");
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: "PASSWORD_TOO_COMMON", message: COMMON_PASSWORD_MESSAGE });
      expect((await client().signIn(email)).status).toBe(200);
    });

    it("ends every other session even when the client asks to keep them", async () => {
      const email = freshEmail();
      const laptop = client();
      const phone = client();
      const signedUp = await laptop.signUp(email);
      const userId = (signedUp.body as { user: { id: string } }).user.id;
      await phone.signIn(email);
      const phoneCookie = phone.cookie;
      expect(await database.db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(2);

      const reply = await laptop.changePassword(PASSWORD, "a brand new passphrase", false);
      expect(reply.status).toBe(200);

      expect((await phone.getSession(phoneCookie)).body).toBeNull();
      // The laptop got a fresh session in the same answer; it is the only one left.
      expect(await laptop.getSession()).toMatchObject({ body: { user: { email } } });
      const left = await database.db.select().from(sessions).where(eq(sessions.userId, userId));
      expect(left).toHaveLength(1);
      expect(laptop.cookie.startsWith(`${SESSION_COOKIE}=${left[0]!.token}.`)).toBe(true);

      expect((await client().signIn(email)).status).toBe(401);
      expect((await client().signIn(email, "a brand new passphrase")).status).toBe(200);
    });
  });

  describe("sign out", () => {
    it("revokes the session: the cookie no longer works and the row is gone", async () => {
      const browser = client();
      const signedUp = await browser.signUp(freshEmail());
      const token = (signedUp.body as { token: string }).token;
      const cookie = browser.cookie;
      expect((await browser.getSession()).body).not.toBeNull();

      const reply = await browser.signOut();
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ success: true });
      expect(reply.cookies.get(SESSION_COOKIE)).toMatch(/Max-Age=0/i);

      expect((await browser.getSession(cookie)).body).toBeNull();
      expect(await database.db.select().from(sessions).where(eq(sessions.token, token))).toEqual([]);
    });

    it("ends only the session it was sent with", async () => {
      const email = freshEmail();
      const laptop = client();
      const phone = client();
      await laptop.signUp(email);
      await phone.signIn(email);
      const laptopCookie = laptop.cookie;
      await laptop.signOut();
      expect((await laptop.getSession(laptopCookie)).body).toBeNull();
      expect(await phone.getSession()).toMatchObject({ body: { user: { email } } });
    });
  });
});
