import type { Clock } from "../ports/index.js";

/** the machine's clock, for every adapter set that runs for real */
export const systemClock: Clock = { now: () => new Date() };
