import { callables } from "../../schemas/callables.js";
import { requestEmailVerification as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const requestEmailVerification = callable(callables.requestEmailVerification, service);
