// Personal FSRS parameters in the database: a person asks for a fit (or their history grows
// enough), a job row waits, one app instance claims it (FOR UPDATE SKIP LOCKED, so several
// instances never run it twice), the optimiser runs in a child process, and the fitted
// parameters are adopted only when they predict the person's held-out recent reviews better.
import "server-only";
import path from "node:path";
import { fork } from "node:child_process";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { fsrsJobs, fsrsParameters, reviewLogs } from "../../db/schema";
import { type Actor, requireUser } from "../access";
import { invalid } from "../errors";
import { settingsOf } from "../settings/settings.service";
import {
  decide,
  DEFAULT_PARAMETERS,
  dueForAutoFit,
  evaluate,
  type Evaluation,
  type FitItem,
  MIN_REVIEWS,
  type ReviewEvent,
  splitHeldOut,
  usableParameters,
} from "./fsrs.logic";
import type { SchedulerSettings } from "./recall.logic";
import type { TScheduleFit, TScheduleStatus } from "./fsrs.schema";

type JobRow = typeof fsrsJobs.$inferSelect;

/** What the worker gets and gives back. */
export interface FitInput {
  train: FitItem[];
}
export interface FitOutput {
  parameters: number[];
  fitMs: number;
}
export type Fitter = (input: FitInput) => Promise<FitOutput>;

/** A running job not finished after this long is taken to have died with its instance. */
export const STALE_AFTER_MS = 15 * 60_000;
const MAX_ATTEMPTS = 3;

/** The person's scheduler settings with their adopted parameters, if any. */
export async function schedulerSettingsOf(db: Db, userId: string): Promise<SchedulerSettings> {
  const [settings, [row]] = await Promise.all([
    settingsOf(db, userId),
    db.select({ parameters: fsrsParameters.parameters }).from(fsrsParameters).where(eq(fsrsParameters.userId, userId)),
  ]);
  return { ...settings, parameters: usableParameters(row?.parameters) ? row.parameters : null };
}

function fitOf(job: JobRow): TScheduleFit {
  const figures = (logLoss: number | null, rmse: number | null) => (logLoss === null || rmse === null ? null : { logLoss, rmse });
  return {
    status: job.status as TScheduleFit["status"],
    reason: job.reason as TScheduleFit["reason"],
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    reviewCount: job.reviewCount,
    heldOutCount: job.heldOutCount,
    defaults: figures(job.defaultLogLoss, job.defaultRmse),
    fitted: figures(job.fittedLogLoss, job.fittedRmse),
    adopted: job.adopted,
    outcome: job.outcome,
  };
}

async function reviewCountOf(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reviewLogs).where(eq(reviewLogs.userId, userId));
  return Number(row?.n ?? 0);
}

export async function status(db: Db, actor: Actor): Promise<TScheduleStatus> {
  const userId = requireUser(actor);
  const [adopted, pending, last, reviewCount] = await Promise.all([
    db.select().from(fsrsParameters).where(eq(fsrsParameters.userId, userId)),
    db.select().from(fsrsJobs).where(and(eq(fsrsJobs.userId, userId), inArray(fsrsJobs.status, ["queued", "running"]))),
    db
      .select()
      .from(fsrsJobs)
      .where(and(eq(fsrsJobs.userId, userId), inArray(fsrsJobs.status, ["done", "failed"])))
      .orderBy(desc(fsrsJobs.finishedAt))
      .limit(1),
    reviewCountOf(db, userId),
  ]);
  return {
    using: adopted[0] ? "fitted" : "defaults",
    adoptedAt: adopted[0]?.adoptedAt ?? null,
    reviewCount,
    minReviews: MIN_REVIEWS,
    pending: pending[0] ? fitOf(pending[0]) : null,
    last: last[0] ? fitOf(last[0]) : null,
  };
}

/** Queues a fit for the caller; one already waiting or running is kept rather than doubled. */
export async function optimise(db: Db, actor: Actor, now = new Date()): Promise<TScheduleStatus> {
  const userId = requireUser(actor);
  const reviews = await reviewCountOf(db, userId);
  if (reviews < MIN_REVIEWS) {
    throw invalid(`Your schedule can be fitted once you have made ${MIN_REVIEWS} reviews; you have made ${reviews}.`);
  }
  await db.insert(fsrsJobs).values({ userId, reason: "manual", createdAt: now }).onConflictDoNothing();
  return status(db, actor);
}

/** The caller's schedule goes back to FSRS's default parameters (past fits stay listed). */
export async function reset(db: Db, actor: Actor): Promise<TScheduleStatus> {
  const userId = requireUser(actor);
  await db.delete(fsrsParameters).where(eq(fsrsParameters.userId, userId));
  return status(db, actor);
}

/**
 * Queues automatic fits for everyone whose history calls for one (dueForAutoFit). The open-job
 * index keeps two instances doing this at once from queueing a person twice.
 */
export async function enqueueDue(db: Db, now = new Date()): Promise<number> {
  const lastFit = db
    .select({ userId: fsrsJobs.userId, at: sql<Date>`max(${fsrsJobs.createdAt})`.as("at") })
    .from(fsrsJobs)
    .groupBy(fsrsJobs.userId)
    .as("last_fit");
  const rows = await db
    .select({
      userId: reviewLogs.userId,
      total: sql<number>`count(*)::int`,
      since: sql<number>`(count(*) filter (where ${lastFit.at} is null or ${reviewLogs.reviewedAt} > ${lastFit.at}))::int`,
      lastFitAt: sql<string | null>`max(${lastFit.at})`,
    })
    .from(reviewLogs)
    .leftJoin(lastFit, eq(lastFit.userId, reviewLogs.userId))
    .groupBy(reviewLogs.userId)
    .having(sql`count(*) >= ${MIN_REVIEWS}`);
  const due = rows.filter((r) =>
    dueForAutoFit(
      { totalReviews: Number(r.total), reviewsSinceLastFit: Number(r.since), lastFitAt: r.lastFitAt ? new Date(r.lastFitAt) : null },
      now,
    ),
  );
  if (due.length === 0) return 0;
  const queued = await db
    .insert(fsrsJobs)
    .values(due.map((r) => ({ userId: r.userId, reason: "auto", createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: fsrsJobs.id });
  return queued.length;
}

/**
 * Claims the oldest waiting job (or one whose instance died while running it) in one statement:
 * SKIP LOCKED lets two instances claiming at once take different jobs, never the same one.
 */
export async function claimNext(db: Db, instance: string, now = new Date()): Promise<JobRow | null> {
  const stale = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
  const [job] = await db
    .update(fsrsJobs)
    .set({ status: "running", startedAt: now, claimedBy: instance, attempts: sql`${fsrsJobs.attempts} + 1` })
    .where(
      sql`${fsrsJobs.id} = (
        select id from ${fsrsJobs}
        where (status = 'queued' or (status = 'running' and started_at < ${stale}::timestamptz)) and attempts < ${MAX_ATTEMPTS}
        order by created_at
        limit 1
        for update skip locked)`,
    )
    .returning();
  return job ?? null;
}

async function finish(db: Db, job: JobRow, values: Partial<JobRow>) {
  // Only the claim that still holds the job writes its end (a stale one re-claimed elsewhere loses).
  const [row] = await db
    .update(fsrsJobs)
    .set(values)
    .where(and(eq(fsrsJobs.id, job.id), eq(fsrsJobs.status, "running"), eq(fsrsJobs.attempts, job.attempts)))
    .returning();
  return row ?? null;
}

/**
 * Fits a person's log and judges the fit: the defaults are scored on the held-out reviews first
 * (too few of them and no fit runs), then the optimiser fits the rest off the event loop, and
 * the fitted parameters are scored on the same reviews. The scoring runs here, synchronously,
 * in the fitting loop (a few milliseconds per thousand reviews), never inside a request.
 */
export async function fitAndJudge(events: ReviewEvent[], fitter: Fitter) {
  const split = splitHeldOut(events);
  const defaults = evaluate(events, DEFAULT_PARAMETERS);
  if (defaults.kind === "too-few") return { split, defaults, fitted: null, fit: null, ...decide(defaults, null) };
  const fit = await fitter({ train: split.train });
  const fitted = usableParameters(fit.parameters) ? evaluate(events, fit.parameters) : null;
  return { split, defaults, fitted, fit, ...decide(defaults, fitted) };
}

const measured = (e: Evaluation | null) => (e?.kind === "measured" ? e : null);

/** Runs one claimed job: load the person's log, fit off the event loop, judge, adopt if better. */
export async function runJob(db: Db, job: JobRow, fitter: Fitter, clock: () => Date = () => new Date()): Promise<JobRow | null> {
  try {
    const events = await db
      .select({ conceptId: reviewLogs.conceptId, rating: reviewLogs.rating, reviewedAt: reviewLogs.reviewedAt })
      .from(reviewLogs)
      .where(eq(reviewLogs.userId, job.userId))
      .orderBy(asc(reviewLogs.reviewedAt));
    if (events.length < MIN_REVIEWS) {
      return await finish(db, job, {
        reviewCount: events.length,
        status: "done",
        adopted: false,
        finishedAt: clock(),
        outcome: `Not enough reviews yet: ${events.length} of the ${MIN_REVIEWS} a fit needs.`,
      });
    }
    const judged = await fitAndJudge(events, fitter);
    const defaults = measured(judged.defaults);
    const fitted = measured(judged.fitted);
    const finishedAt = clock();
    return await db.transaction(async (tx) => {
      const row = await finish(tx, job, {
        reviewCount: judged.split.reviewCount,
        // The figures' own count: held-out reviews a day or more after the card's previous one.
        heldOutCount: judged.defaults.scored,
        status: "done",
        finishedAt,
        fitMs: judged.fit?.fitMs ?? null,
        defaultLogLoss: defaults?.logLoss ?? null,
        defaultRmse: defaults?.rmse ?? null,
        fittedLogLoss: fitted?.logLoss ?? null,
        fittedRmse: fitted?.rmse ?? null,
        parameters: judged.fit?.parameters ?? null,
        adopted: judged.adopted,
        outcome: judged.outcome,
      });
      if (row && judged.adopted && judged.fit) {
        const { parameters } = judged.fit;
        await tx
          .insert(fsrsParameters)
          .values({ userId: job.userId, parameters, jobId: job.id, adoptedAt: finishedAt })
          .onConflictDoUpdate({ target: fsrsParameters.userId, set: { parameters, jobId: job.id, adoptedAt: finishedAt } });
      }
      return row;
    });
  } catch (error) {
    return finish(db, job, {
      status: "failed",
      finishedAt: clock(),
      outcome: `The fit failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

// The child runs the plain file from the checkout, outside the Next.js bundle.
const WORKER_FILE = path.join(process.cwd(), "server", "domain", "recall", "fsrs-fit.worker.mjs");
/** A fit of a large history takes seconds; one still running after this is stopped. */
const FIT_TIMEOUT_MS = 120_000;

/**
 * The optimiser in a child process: the event loop keeps serving requests while it fits, and
 * the optimiser's native code, which aborts its process on input it rejects, cannot take the
 * server down with it.
 */
export const fitInChild: Fitter = (input) =>
  new Promise((resolve, reject) => {
    const child = fork(/* turbopackIgnore: true */ WORKER_FILE, ["--fsrs-fit"], { stdio: ["ignore", "ignore", "pipe", "ipc"], timeout: FIT_TIMEOUT_MS });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString();
    });
    child.once("message", (message: { ok: true; result: FitOutput } | { ok: false; message: string }) => {
      if (message.ok) resolve(message.result);
      else reject(new Error(message.message));
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      // After an answer this settles nothing; before one, it says the optimiser died.
      const firstLine = stderr.split("\n").find((l) => l.includes("Invalid") || l.includes("panicked")) ?? "";
      reject(new Error(`The optimiser stopped (${signal ?? `code ${code}`}) before answering. ${firstLine}`.trim()));
    });
    child.send(input);
  });

/** Claims and runs every waiting job, one at a time; returns how many ran. */
export async function drainJobs(db: Db, instance: string, fitter: Fitter = fitInChild, clock: () => Date = () => new Date()) {
  let ran = 0;
  for (let job = await claimNext(db, instance, clock()); job; job = await claimNext(db, instance, clock())) {
    await runJob(db, job, fitter, clock);
    ran++;
  }
  return ran;
}

/**
 * Starts this instance's fitting loop: every `everyMs` it queues automatic fits and runs what
 * waits. Returns a function that stops it. Never throws into the server: a failed round is logged.
 */
export function startFitLoop(db: Db, instance: string, onError: (error: unknown) => void, everyMs = 30_000): () => void {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await enqueueDue(db);
      await drainJobs(db, instance);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  void round();
  return () => clearInterval(timer);
}

