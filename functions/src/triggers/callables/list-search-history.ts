import { callables } from "../../schemas/callables.js";
import { listSearchHistory as service } from "../../services/search.js";
import { callable } from "../callable.js";

export const listSearchHistory = callable(callables.listSearchHistory, service);
