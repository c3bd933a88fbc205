// Query strings as the SDK writes them: arrays in brackets form (`statuses[]=idle&statuses[]=running`),
// undefined and null values left out.
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

export function stringifyQuery(query: Record<string, QueryValue> | object | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const name = encodeURIComponent(`${key}[]`);
      for (const item of value) parts.push(`${name}=${encodeURIComponent(String(item))}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
