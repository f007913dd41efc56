import { callables } from "../../schemas/callables.js";
import { setOfficerRole as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const setOfficerRole = callable(callables.setOfficerRole, service);
