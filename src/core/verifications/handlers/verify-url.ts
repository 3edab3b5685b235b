/** Where a person goes to verify with a handler, and comes back from. */
export function verifyUrl(name: string, returnTo: string, spaceId?: number): string {
  const q = new URLSearchParams();
  if (spaceId !== undefined) q.set("space", String(spaceId));
  q.set("return_to", returnTo);
  return `/verifications/${name}?${q.toString()}`;
}
