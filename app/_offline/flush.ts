// Sends waiting grades in the order they were made, one at a time, each once: a grade leaves
// the queue only when the server has stored it (or refused it for good), and the first failure
// of the connection stops the run so the rest keep their order for the next one.
import type { QueuedGrade } from "./grade-queue";

export type SendOutcome = "stored" | "refused" | "unreachable" | "signed-out";

export interface FlushDeps {
  list(): Promise<(QueuedGrade & { seq: number })[]>;
  send(grade: QueuedGrade): Promise<SendOutcome>;
  remove(seq: number): Promise<void>;
}

export interface FlushResult {
  stored: number;
  /** Refused for good (the concept was deleted, or access was lost): dropped from the queue. */
  refused: number;
  /** Still waiting: the connection failed again, or the person must sign in first. */
  left: number;
  stoppedBy: "unreachable" | "signed-out" | null;
}

export async function flushGrades(deps: FlushDeps): Promise<FlushResult> {
  const waiting = (await deps.list()).sort((a, b) => a.seq - b.seq);
  const result: FlushResult = { stored: 0, refused: 0, left: waiting.length, stoppedBy: null };
  for (const grade of waiting) {
    const outcome = await deps.send(grade);
    if (outcome === "unreachable" || outcome === "signed-out") {
      result.stoppedBy = outcome;
      break;
    }
    await deps.remove(grade.seq);
    result.left--;
    if (outcome === "stored") result.stored++;
    else result.refused++;
  }
  return result;
}

/**
 * What a failed send means for the queue. tRPC errors that came from the server carry a code;
 * a fetch that never reached it (offline, DNS, a dropped connection) carries none.
 */
export function outcomeOfError(error: unknown): SendOutcome {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  if (!code) return "unreachable";
  if (code === "UNAUTHORIZED") return "signed-out";
  if (code === "NOT_FOUND" || code === "BAD_REQUEST" || code === "FORBIDDEN") return "refused";
  // Busy or broken on the server's side: try again later, in order.
  return "unreachable";
}
