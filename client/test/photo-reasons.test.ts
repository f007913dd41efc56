import { describe, expect, it } from "vitest";
import { isPhotoReasonCode, photoReasonCodes } from "../src/index.js";

describe("photo verdict codes", () => {
  it("knows the codes the engine and ingest write, and nothing else", () => {
    for (const code of [
      "no_face",
      "several_faces",
      "face_too_small",
      "heic_unsupported",
      "processing_failed",
      "upload_not_allowed",
      "upload_limit",
      "same_photo_stored",
    ])
      expect(isPhotoReasonCode(code), code).toBe(true);
    expect(isPhotoReasonCode("toString")).toBe(false);
    expect(isPhotoReasonCode("account_suspended")).toBe(false);
    expect(Object.keys(photoReasonCodes)).toHaveLength(19);
  });
});
