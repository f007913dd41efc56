import { callables } from "../../schemas/callables.js";
import { approveOfficer as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const approveOfficer = callable(callables.approveOfficer, service);
