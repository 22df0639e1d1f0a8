const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `METHOD /path` of every operation in an OpenAPI document, in document order. */
export function openApiOperations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}
