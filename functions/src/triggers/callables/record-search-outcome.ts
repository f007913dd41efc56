import { callables } from "../../schemas/callables.js";
import { recordSearchOutcome as service } from "../../services/search.js";
import { callable } from "../callable.js";

export const recordSearchOutcome = callable(callables.recordSearchOutcome, service);
