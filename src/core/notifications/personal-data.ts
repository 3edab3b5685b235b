/** The person's notifications in "download my data". */
import { desc, eq } from "drizzle-orm";
import { registerPersonalDataExporter } from "../accounts/personal-data";
import { notifications } from "./schema";

registerPersonalDataExporter({
  name: "notifications",
  collect: async (db, userId) =>
    (await db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(10_000)).map((n) => ({
      kind: n.kind,
      message: n.message,
      values: n.values,
      url: n.url,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
});
