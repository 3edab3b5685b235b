/**
 * Posting comments as signed-in browsers do without JavaScript: each poster opens the resource's page
 * with their session (for the form's CSRF token), then posts the comment form to `/comments` and
 * gets a 303 back. Posts arrive at a fixed rate (an open loop: a slow answer does not slow the next
 * arrivals, as people do not wait for each other), round robin over the posters.
 */
import { openFormSession, request, flashKind, type FormSession } from "../lib/http";
import { sleep } from "../lib/server";
import { SENTENCES } from "./texts";

export interface PostPlan {
  port: number;
  /** The page the comment form is on (where the form comes back to). */
  page: string;
  resource: { type: string; id: number };
  /** One per poster (see openPosterSessions). */
  sessions: FormSession[];
  posts: number;
  perSecond: number;
}

/** Each poster opens the page with their session cookie, for the comment form's CSRF token. */
export function openPosterSessions(port: number, page: string, tokens: string[]): Promise<FormSession[]> {
  return Promise.all(tokens.map((token) => openFormSession(port, page, `pnyx_session=${token}`)));
}

export interface PostRun {
  /** Latencies (ms) of the posts answered with a 303 and no error message. */
  latencies: number[];
  failed: number;
  /** A few of the failures, for the log. */
  failures: string[];
  seconds: number;
}

const BODIES = SENTENCES.en.arguments;

export async function postComments(plan: PostPlan): Promise<PostRun> {
  const sessions = plan.sessions;
  const latencies: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  const started = performance.now();
  const one = async (n: number): Promise<void> => {
    const s = sessions[n % sessions.length];
    if (!s) return;
    const form = new URLSearchParams({
      _csrf: s.csrf,
      resourceType: plan.resource.type,
      resourceId: String(plan.resource.id),
      body: `${BODIES[n % BODIES.length] ?? ""}\n\n(${n + 1})`,
      alignment: ["in_favour", "against", "neutral"][n % 3] ?? "neutral",
      return_to: plan.page,
    }).toString();
    const t0 = performance.now();
    try {
      const res = await request(plan.port, "POST", "/comments", { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" }, form);
      const ms = performance.now() - t0;
      const kind = flashKind(res);
      if (res.status === 303 && kind !== "error") latencies.push(ms);
      else {
        failed++;
        if (failures.length < 5) failures.push(`${res.status} ${kind ?? ""} ${res.headers.location ?? ""} ${res.body.slice(0, 200).replace(/\s+/g, " ")}`);
      }
    } catch (error) {
      failed++;
      if (failures.length < 5) failures.push(String(error));
    }
  };
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < plan.posts; n++) {
    const due = started + (n * 1000) / plan.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(one(n));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  return { latencies, failed, failures, seconds: (performance.now() - started) / 1000 };
}
