/** the time, from a port so tests can move it */
export interface Clock {
  now(): Date;
}
