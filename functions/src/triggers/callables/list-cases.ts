import { callables } from "../../schemas/callables.js";
import { listCases as service } from "../../services/cases.js";
import { callable } from "../callable.js";

export const listCases = callable(callables.listCases, service);
