/**
 * The normalized name that fuzzy matching compares: lower case, accents and punctuation removed,
 * words sorted, so "José María Pérez López" and "lopez perez maria jose" are the same string and
 * trigram similarity only has to absorb typos.
 */
export function searchName(firstNames: string, lastNames: string): string {
  return `${firstNames} ${lastNames}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}
