// Configuration, validated once at start: a bad value stops the app with a sentence naming it.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((s) => /^postgres(ql)?:\/\//.test(s), "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DIR: z.string().trim().min(1).default(path.join(process.cwd(), "data", "pglite")),
  BETTER_AUTH_SECRET: z
    .string()
    .min(32, "BETTER_AUTH_SECRET must be at least 32 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  BETTER_AUTH_URL: z.url("BETTER_AUTH_URL must be a URL like https://engram.example.com").optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  TRUST_PROXY: z
    .enum(["0", "1"], "TRUST_PROXY must be 1 (behind a reverse proxy that sets X-Forwarded-For) or 0")
    .default("0")
    .transform((v) => v === "1"),
  ENGRAM_TEST_HOOKS: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
});

export type Env = Omit<z.infer<typeof ZEnv>, "BETTER_AUTH_SECRET"> & { BETTER_AUTH_SECRET: string };

/** Reads the secret kept beside the local database, creating it on first use. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Engram cannot start: the configuration is invalid.\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.BETTER_AUTH_SECRET) return { ...env, BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET };
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    throw new Error(
      "Engram cannot start: BETTER_AUTH_SECRET is required in production with DATABASE_URL " +
        "(every instance must share it). Generate one with `openssl rand -base64 32`.",
    );
  }
  return { ...env, BETTER_AUTH_SECRET: localSecret(path.dirname(env.PGLITE_DIR)) };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
