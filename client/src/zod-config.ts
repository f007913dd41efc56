// zod compiles object parsers with Function() and, to know whether it may, probes eval when its
// first object schema is built; under a Content-Security-Policy without 'unsafe-eval' (the
// portal's) that probe is a violation in every officer's browser. The kit's schemas are built
// without the compiled fast path (a response is a few kB): index.ts imports this module first, so
// it runs before any schema exists.
import { config } from "zod";

config({ jitless: true });
