import { callables } from "../../schemas/callables.js";
import { getPhotoThumbnail as service } from "../../services/photos.js";
import { callable } from "../callable.js";

export const getPhotoThumbnail = callable(callables.getPhotoThumbnail, service);
