import { z } from "zod";

/** callables without arguments accept {} or nothing */
export const strictEmpty = z.strictObject({}).optional().default({});
