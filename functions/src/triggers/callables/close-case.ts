import { callables } from "../../schemas/callables.js";
import { closeCase as service } from "../../services/cases.js";
import { callable } from "../callable.js";

export const closeCase = callable(callables.closeCase, service);
