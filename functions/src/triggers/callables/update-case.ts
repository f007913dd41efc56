import { callables } from "../../schemas/callables.js";
import { updateCase as service } from "../../services/cases.js";
import { callable } from "../callable.js";

export const updateCase = callable(callables.updateCase, service);
