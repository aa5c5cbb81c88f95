// Keeps CPU cores busy for a bounded time, to run the test suite on a loaded machine:
// `node scripts/cpu-hog.mjs [minutes=30] [workers=2]`. Each worker spins until the deadline and
// the process exits by itself, so a forgotten hog cannot outlive its run.
import { Worker, isMainThread, workerData } from "node:worker_threads";

if (isMainThread) {
  const minutes = Number(process.argv[2] ?? 30);
  const workers = Number(process.argv[3] ?? 2);
  if (!(minutes > 0 && minutes <= 180) || !(Number.isInteger(workers) && workers > 0 && workers <= 64)) {
    console.error("Usage: node scripts/cpu-hog.mjs [minutes, 0 < m <= 180] [workers, 1..64]");
    process.exit(1);
  }
  const deadline = Date.now() + minutes * 60_000;
  console.log(`[cpu-hog] ${workers} busy workers until ${new Date(deadline).toISOString()}`);
  for (let i = 0; i < workers; i++) new Worker(new URL(import.meta.url), { workerData: { deadline } });
} else {
  let x = 0;
  while (Date.now() < workerData.deadline) {
    for (let i = 0; i < 1e6; i++) x = (x * 1103515245 + 12345) % 2147483648;
  }
}
