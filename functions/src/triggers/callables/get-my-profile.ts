import { callables } from "../../schemas/callables.js";
import { getMyProfile as service } from "../../services/officers.js";
import { callable } from "../callable.js";

export const getMyProfile = callable(callables.getMyProfile, service);
