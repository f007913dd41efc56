// node:sqlite is stable enough for local mode but still flagged experimental in Node 22: keep
// that one notice out of the command line's output, show every other warning.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (warning.name !== "ExperimentalWarning") console.warn(warning);
});
