// Template protection, the one door: the keyed orthogonal transform of face vectors.
export { orthogonalFromKey, multiply, multiplyByTranspose, multiplyTransposed } from "./orthogonal.js";
