import { callables } from "../../schemas/callables.js";
import { uploadCasePhoto as service } from "../../services/photos.js";
import { callable } from "../callable.js";

export const uploadCasePhoto = callable(callables.uploadCasePhoto, service);
