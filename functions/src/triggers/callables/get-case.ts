import { callables } from "../../schemas/callables.js";
import { getCase as service } from "../../services/cases.js";
import { callable } from "../callable.js";

export const getCase = callable(callables.getCase, service);
