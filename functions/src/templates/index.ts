// Template protection, the one door: the keyed orthogonal transform of face vectors.
export { orthogonalFromKey, multiply, multiplyTransposed } from "./orthogonal.js";
