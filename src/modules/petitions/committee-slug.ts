/** A slug proposed for a committee's assembly from the suggestion's title (the admin may change it). */
export function committeeSlug(title: string): string {
  const base = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60)
    .replace(/-$/, "");
  return `committee-${base || "suggestion"}`;
}
