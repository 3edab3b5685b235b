/** Waits for a condition, not for a duration: polls `f` until it gives a value (or throws after `ms`). */
export async function until<T>(f: () => Promise<T | undefined | null | false>, ms = 60_000, everyMs = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`the condition was not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
