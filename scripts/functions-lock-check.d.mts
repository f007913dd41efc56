// Types of functions-lock-check.mjs for the TypeScript that imports it (the tests).
export declare function lockProblems(repo: string): string[];
