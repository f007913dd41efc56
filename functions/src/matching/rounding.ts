// Rounding of scores for records and sentences, with the digits always said where it is used.
export const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
