/** Encodes an id for use as one path segment, so an odd id cannot reach another endpoint. */
export function pathId(id: string): string {
  if (!id) throw new Error('An id is required.');
  return encodeURIComponent(id);
}
