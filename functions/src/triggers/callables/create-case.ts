import { callables } from "../../schemas/callables.js";
import { createCase as service } from "../../services/cases.js";
import { callable } from "../callable.js";

export const createCase = callable(callables.createCase, service);
