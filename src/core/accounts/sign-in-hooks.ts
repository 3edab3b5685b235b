/**
 * What else happens when a person signs in (password, confirmation link, password reset): components
 * register a hook (in their manifest's `onStart`) to carry over what the browser did before, such as
 * a conversation's anonymous participant becoming the account's. A failing hook is logged and never
 * stops the sign-in.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client";

export interface SignInEvent {
  db: Db;
  req: FastifyRequest;
  reply: FastifyReply;
  userId: number;
}

export type SignInHook = (event: SignInEvent) => Promise<void>;

const hooks = new Set<SignInHook>();

/** Runs `hook` after every sign-in; returns the function that removes it. */
export function onSignIn(hook: SignInHook): () => void {
  hooks.add(hook);
  return () => void hooks.delete(hook);
}

/** Called by `startSession` once the session cookie is set. */
export async function runSignInHooks(event: SignInEvent): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook(event);
    } catch (e) {
      event.req.log.error({ err: e }, "a sign-in hook failed");
    }
  }
}
