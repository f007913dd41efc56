// Firestore's managed export: a long-running operation Firestore finishes on its own; we start it
// and later read its state by name.
import firestoreAdmin from "@google-cloud/firestore";
import type { DatabaseExporter } from "../../ports/index.js";

export function firestoreExporter(): DatabaseExporter {
  const client = new firestoreAdmin.v1.FirestoreAdminClient();
  return {
    async start(outputUriPrefix) {
      const projectId = process.env.GCLOUD_PROJECT ?? (await client.getProjectId());
      const [operation] = await client.exportDocuments({
        name: client.databasePath(projectId, "(default)"),
        outputUriPrefix,
        collectionIds: [],
      });
      return { operation: operation.name ?? "unknown" };
    },
    async status(operation) {
      const result = await client.checkExportDocumentsProgress(operation);
      return {
        done: result.done === true,
        ...(result.error ? { error: result.error.message ?? String(result.error.code) } : {}),
      };
    },
  };
}
