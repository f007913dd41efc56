// Missing and found person cases.
import { closeCase as close, reopenCase as reopen } from "../services/case-status.js";
import { createCase as create, getCase as get, listCases as list, updateCase as update } from "../services/cases.js";
import { callable } from "./callable.js";

export const createCase = callable("createCase", create);
export const updateCase = callable("updateCase", update);
export const closeCase = callable("closeCase", close);
export const reopenCase = callable("reopenCase", reopen);
export const getCase = callable("getCase", get);
export const listCases = callable("listCases", list);
