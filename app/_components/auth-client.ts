// better-auth's browser client: same origin, cookies carry the session.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();
