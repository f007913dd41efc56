/** one page of a listing that continues: `after` is the opaque position a previous page ended at */
export interface PageRequest {
  limit: number;
  after?: string;
}

/**
 * `next` is the position of the last item (set whenever there are items): pass it as `after` to
 * continue, or keep it as a high-water mark. Fewer items than the limit: the listing has ended.
 */
export interface Page<T> {
  items: T[];
  next?: string;
}
