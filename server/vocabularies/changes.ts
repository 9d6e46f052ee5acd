/**
 * A counter of reference-data changes made by this process. Every write to vocabularies,
 * departments, factors or timeframes bumps it, and anything kept in memory from them is dropped.
 */
let generation = 0;

export const referenceDataGeneration = (): number => generation;

export function referenceDataChanged(): void {
  generation++;
}
