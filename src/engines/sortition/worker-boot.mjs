// Worker-thread bootstrap. `node --import tsx/dist/loader.mjs` (bin/pnyx) does not install tsx's ESM
// hooks in worker threads on Node 20, so the worker registers them itself before loading the TypeScript entry.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
