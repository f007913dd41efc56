import { callables } from "../../schemas/callables.js";
import { listCasePhotos as service } from "../../services/photos.js";
import { callable } from "../callable.js";

export const listCasePhotos = callable(callables.listCasePhotos, service);
