import { callables } from "../../schemas/callables.js";
import { getStats as service } from "../../services/stats.js";
import { callable } from "../callable.js";

export const getStats = callable(callables.getStats, service);
