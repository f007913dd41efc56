// Structured logs through the Cloud Functions logger. Callers pass counts, codes and durations:
// never names, phone numbers, images or embeddings.
import { logger } from "firebase-functions/logger";
import type { EventLog } from "../ports/index.js";

export const functionsEvents: EventLog = {
  info: (event, fields) => logger.info(event, { event, ...fields }),
  warn: (event, fields) => logger.warn(event, { event, ...fields }),
};
