// Worker bootstrap in plain JavaScript: Node 20 does not apply the parent's `--import` loader hooks to
// a worker's own entry module, so register tsx here before loading the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./outcome-worker.ts");
