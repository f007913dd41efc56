import { callables } from "../../schemas/callables.js";
import { searchFaces as service } from "../../services/search.js";
import { callable } from "../callable.js";

export const searchFaces = callable(callables.searchFaces, service);
