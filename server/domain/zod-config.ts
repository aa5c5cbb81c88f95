// Imported first by every schema module, for its effect: in the browser zod runs without its
// JIT, which probes with Function("") and the Content-Security-Policy forbids (and reports).
// Pages without a form never load zod at all; the server keeps the JIT.
import { config } from "zod/v4/core";

if (typeof window !== "undefined") config({ jitless: true });
