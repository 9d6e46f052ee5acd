type Coded = { code: string }[];
/** The lists a filter's codes are checked against: a part of the loaded vocabularies. */
export type FilterLists = { themes: (Coded[number] & { factors: Coded })[]; sources: Coded; departments: Coded; modalities: Coded; harms: Coded };
export type FilterField = 'theme' | 'factor' | 'source' | 'department' | 'modality' | 'harm';

/** Every code of each filterable list, retired ones included (old links and cases carry them). */
export function codeSets(v: FilterLists): Record<FilterField, Set<string>> {
  return {
    theme: new Set(v.themes.map((t) => t.code)),
    factor: new Set(v.themes.flatMap((t) => t.factors.map((f) => f.code))),
    source: new Set(v.sources.map((t) => t.code)),
    department: new Set(v.departments.map((t) => t.code)),
    modality: new Set(v.modalities.map((t) => t.code)),
    harm: new Set(v.harms.map((t) => t.code)),
  };
}

/**
 * `make`, once per loaded vocabularies: they are loaded once and shared until they change, so one
 * schema built from them serves many requests.
 */
export function perLists<T>(make: (v: FilterLists) => T): (v: FilterLists) => T {
  const made = new WeakMap<FilterLists, T>();
  return (v) => {
    if (!made.has(v)) made.set(v, make(v));
    return made.get(v)!;
  };
}
