import { defineConfig } from "drizzle-kit";

// Migrations are generated from every `schema.ts` under src/ into plain SQL files, reviewed, and
// applied at start (forward-only; never edit one after it has landed).
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/core/**/schema.ts", "./src/modules/**/schema.ts"],
  out: "./src/db/migrations",
});
