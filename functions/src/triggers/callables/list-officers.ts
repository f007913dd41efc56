import { callables } from "../../schemas/callables.js";
import { listOfficers as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const listOfficers = callable(callables.listOfficers, service);
