import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // ONNX sessions are heavy; files run in parallel on the machine's 2 cores at most.
    maxWorkers: 2,
    // what the Functions runtime provides; the storage trigger needs a default bucket to be defined
    env: {
      GCLOUD_PROJECT: "demo-tora-face",
      FIREBASE_CONFIG: JSON.stringify({ projectId: "demo-tora-face", storageBucket: "demo-tora-face.appspot.com" }),
    },
  },
});
