import { callables } from "../../schemas/callables.js";
import { rejectOfficer as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const rejectOfficer = callable(callables.rejectOfficer, service);
