// Face search, its history and the outcomes officers record.
import {
  listSearchHistory as history,
  recordSearchOutcome as outcome,
  searchFaces as search,
} from "../services/search.js";
import { callable } from "./callable.js";

export const searchFaces = callable("searchFaces", search);
export const listSearchHistory = callable("listSearchHistory", history);
export const recordSearchOutcome = callable("recordSearchOutcome", outcome);
