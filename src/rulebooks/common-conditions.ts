/** Conditions every jurisdiction's duty division uses in the same words: kept once here. */
import type { Condition } from './schema.js';

/** At least one person fell ill (acute case or occupational anthrax) or died. */
export const CASES_OR_DEATHS: Condition = {
  any: [
    { casualtiesAtLeast: { field: 'acuteCases', value: 1 } },
    { casualtiesAtLeast: { field: 'anthraxCases', value: 1 } },
    { casualtiesAtLeast: { field: 'deaths', value: 1 } },
  ],
};

/** People fell ill or died and no employer or labour relation can yet be established. */
export const NO_EMPLOYER_OR_RELATION: Condition = { all: [CASES_OR_DEATHS, { laborRelation: 'undetermined' }] };
