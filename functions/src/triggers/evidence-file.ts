// The reunification evidence file: as data for the portal's print page and apps, and as a PDF.
import { getEvidenceFile as asData, getEvidenceFilePdf as asPdf } from "../services/evidence-file.js";
import { callable } from "./callable.js";

export const getEvidenceFile = callable("getEvidenceFile", asData);
export const getEvidenceFilePdf = callable("getEvidenceFilePdf", asPdf);
